package dev.tessera.platform.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Access to the outbox table. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** The oldest unpublished events, in commit order. */
    public List<OutboxEvent> pending(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    /** How many events wait to be relayed. */
    public long backlog() {
        return count("publishedAt is null");
    }

    public void markPublished(Collection<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            getEntityManager()
                    .createQuery("update OutboxEvent set publishedAt = :at where id in :ids")
                    .setParameter("at", at)
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
    }

    public void markFailed(Long id, String error) {
        update("attempts = attempts + 1, lastError = ?1 where id = ?2", error, id);
    }
}

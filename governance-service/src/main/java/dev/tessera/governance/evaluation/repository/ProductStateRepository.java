package dev.tessera.governance.evaluation.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/** Latest product states, and the processed-event log that makes consumers idempotent. */
@ApplicationScoped
public class ProductStateRepository implements PanacheRepositoryBase<ProductStateEntity, String> {

    public ProductStateEntity findForUpdate(String productId) {
        return findById(productId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Product ids after the given one, in id order: pages of the whole estate for re-evaluation. */
    public List<String> idsAfter(String afterId, int limit) {
        return getEntityManager()
                .createQuery(
                        "select productId from ProductStateEntity where productId > ?1 order by productId",
                        String.class)
                .setParameter(1, afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Records that a consumer applied an event; false when it had already (a redelivery), in which case
     * the caller must do nothing. Runs in the caller's transaction, so the record and the side effect
     * commit or roll back together.
     */
    public boolean markProcessed(String consumer, String eventId) {
        return getEntityManager()
                        .createNativeQuery(
                                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)"
                                        + " ON CONFLICT DO NOTHING")
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .setParameter(3, Instant.now())
                        .executeUpdate()
                == 1;
    }
}

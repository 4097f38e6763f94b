package dev.tessera.catalog.webhook.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Subscriptions. */
@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<SubscriptionEntity, UUID> {

    /**
     * How many subscriptions an owner has, counted under a transaction-scoped lock on the owner's name, so
     * that concurrent requests of one owner are counted one after the other and cannot pass a limit together.
     */
    public long countLockingOwner(String owner) {
        getEntityManager()
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))) AS locked")
                .setParameter(1, "subscription-owner:" + owner)
                .getSingleResult();
        return count("owner", owner);
    }

    /** A page ordered by id: all subscriptions, or the owner's. */
    public List<SubscriptionEntity> page(String owner, UUID after, int limit) {
        String q = owner == null ? "id > ?1 order by id" : "id > ?1 and owner = ?2 order by id";
        UUID start = after == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : after;
        var query = owner == null ? find(q, start) : find(q, start, owner);
        return query.page(0, limit).list();
    }
}

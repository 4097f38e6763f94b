package dev.tessera.catalog.webhook.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The delivery log. */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<DeliveryEntity, Long> {

    /**
     * Claims due deliveries: locks them (skipping rows another instance holds) and pushes their next attempt
     * past {@code leaseUntil}, so a crashed sender's deliveries are retried after the lease.
     */
    @SuppressWarnings("unchecked")
    public List<Long> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Number> ids = getEntityManager()
                .createNativeQuery("UPDATE delivery SET next_attempt_at = ?2 WHERE id IN ("
                        + " SELECT id FROM delivery WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= ?1"
                        + " ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED) RETURNING id")
                .setParameter(1, now)
                .setParameter(2, leaseUntil)
                .setParameter(3, limit)
                .getResultList();
        return ids.stream().map(Number::longValue).sorted().toList();
    }

    /** A page of a subscription's log, newest first. */
    public List<DeliveryEntity> log(UUID subscriptionId, Long before, int limit) {
        return find(
                        "subscriptionId = ?1 and id < ?2 order by id desc",
                        subscriptionId,
                        before == null ? Long.MAX_VALUE : before)
                .page(0, limit)
                .list();
    }
}

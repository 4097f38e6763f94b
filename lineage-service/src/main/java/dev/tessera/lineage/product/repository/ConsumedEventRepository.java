package dev.tessera.lineage.product.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Idempotent consumption: which event ids were processed and the last sequence applied per
 * aggregate. Written in the transaction of the change the event caused, so a redelivered event
 * and an older state arriving late are both recognised and ignored.
 */
@ApplicationScoped
public class ConsumedEventRepository {

    @Inject
    EntityManager em;

    /** Claims an event for processing; false when it was processed already or is older than what was applied. */
    public boolean claim(String topic, String eventId, String aggregateId, long sequence) {
        int fresh = em.createNativeQuery(
                        "INSERT INTO consumed_event (event_id, topic) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .executeUpdate();
        if (fresh == 0) {
            return false;
        }
        return em.createNativeQuery(
                                "INSERT INTO aggregate_sequence (topic, aggregate_id, sequence) "
                                        + "VALUES (?1, ?2, ?3) ON CONFLICT (topic, aggregate_id) DO UPDATE "
                                        + "SET sequence = EXCLUDED.sequence WHERE aggregate_sequence.sequence < EXCLUDED.sequence")
                        .setParameter(1, topic)
                        .setParameter(2, aggregateId)
                        .setParameter(3, sequence)
                        .executeUpdate()
                > 0;
    }
}

package dev.tessera.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes events into the outbox inside the caller's transaction. Nothing reaches Kafka from here:
 * the {@link OutboxRelay} publishes after the commit, so a rolled-back change publishes nothing and
 * a committed one is never lost, even while the broker is down.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    OutboxRepository repository;

    @Inject
    ObjectMapper json;

    @Inject
    Event<OutboxWritten> written;

    /** Queues an event about an aggregate; {@code sequence} is the aggregate's version after the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(EventType type, String aggregateId, long sequence, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = type.topic();
        event.eventType = type.type();
        event.aggregateId = aggregateId;
        event.sequence = sequence;
        try {
            event.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable: " + type.type(), e);
        }
        event.createdAt = Instant.now();
        // The relay publishes later, on its own thread: keep the writer's trace so the Kafka record
        // and every consumer's span join the request that caused the event.
        event.traceparent = TraceContexts.currentTraceparent();
        repository.persist(event);
        // Observed after commit only: wakes the relay early instead of waiting for its next tick.
        written.fire(new OutboxWritten());
    }

    /** One event for {@link #enqueueAll}: what {@link #enqueue} takes as arguments. */
    public record Queued(EventType type, String aggregateId, long sequence, Object payload) {}

    /**
     * Queues many events in one statement, in list order, for writers that change many aggregates in
     * one transaction (a batch ingest): one round trip instead of one per event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<Queued> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] types = new String[n];
        String[] aggregates = new String[n];
        Long[] sequences = new Long[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Queued event = events.get(i);
            ids[i] = UUID.randomUUID().toString();
            topics[i] = event.type().topic();
            types[i] = event.type().type();
            aggregates[i] = event.aggregateId();
            sequences[i] = event.sequence();
            try {
                payloads[i] = json.writeValueAsString(event.payload());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "event payload not serialisable: " + event.type().type(), e);
            }
        }
        String traceparent = TraceContexts.currentTraceparent();
        repository.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO outbox_event (event_id, topic, event_type, aggregate_id, sequence, payload,"
                            + " traceparent, created_at) "
                            + "SELECT id::uuid, t, et, a, s, p::jsonb, ?, now() "
                            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::text[]) "
                            + "WITH ORDINALITY AS u(id, t, et, a, s, p, pos) ORDER BY pos")) {
                // One trace for the batch: the writer's, as for single events.
                insert.setString(1, traceparent);
                insert.setArray(2, connection.createArrayOf("text", ids));
                insert.setArray(3, connection.createArrayOf("text", topics));
                insert.setArray(4, connection.createArrayOf("text", types));
                insert.setArray(5, connection.createArrayOf("text", aggregates));
                insert.setArray(6, connection.createArrayOf("int8", sequences));
                insert.setArray(7, connection.createArrayOf("text", payloads));
                insert.executeUpdate();
            }
        });
        written.fire(new OutboxWritten());
    }

    /** Fired when a transaction wrote outbox rows; relays observe it after the commit. */
    public record OutboxWritten() {}
}

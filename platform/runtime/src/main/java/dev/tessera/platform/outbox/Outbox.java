package dev.tessera.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

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

    /** Fired when a transaction wrote outbox rows; relays observe it after the commit. */
    public record OutboxWritten() {}
}

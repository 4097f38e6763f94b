package dev.tessera.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import dev.tessera.platform.sql.Unnest;
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
        event.payload = payload(type, payload);
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
     * one transaction (a batch ingest): one round trip instead of one per event. Every event carries
     * the current trace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<Queued> events) {
        String traceparent = TraceContexts.currentTraceparent();
        enqueueTraced(
                events.stream().map(event -> new Traced(event, traceparent)).toList());
    }

    /** One event for {@link #enqueueTraced}, with the trace of the call that caused it. */
    public record Traced(Queued event, String traceparent) {}

    /**
     * The current trace as a W3C {@code traceparent}, or null outside a sampled trace: what a writer
     * captures on the caller's thread for a {@link Traced} event it writes on another.
     */
    public static String currentTraceparent() {
        return TraceContexts.currentTraceparent();
    }

    /**
     * Queues many events in one statement, in list order, each with its own trace: for writers that
     * group the calls of several callers into one transaction, so each Kafka record still joins the
     * request that caused it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueTraced(List<Traced> events) {
        if (events.isEmpty()) {
            return;
        }
        Unnest.Values rows = rows(events);
        repository.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                rows.bind(connection, insert, 1);
                insert.executeUpdate();
            }
        });
        written();
    }

    /**
     * The parameters of {@link #INSERT_ALL} for these events, in list order: for writers that send the
     * statement together with their own, and then call {@link #written()}.
     */
    public Unnest.Values rows(List<Traced> events) {
        return ROWS.values(events.stream()
                .map(traced -> new Row(
                        UUID.randomUUID().toString(),
                        traced.event().type().topic(),
                        traced.event().type().type(),
                        traced.event().aggregateId(),
                        traced.event().sequence(),
                        payload(traced.event().type(), traced.event().payload()),
                        traced.traceparent()))
                .toList());
    }

    /** Wakes the relay once the current transaction commits; for writers that ran {@link #INSERT_ALL} themselves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void written() {
        written.fire(new OutboxWritten());
    }

    /** An outbox row as {@link #enqueueTraced} sends it: the payload already JSON. */
    private record Row(
            String eventId,
            String topic,
            String eventType,
            String aggregateId,
            long sequence,
            String payload,
            String traceparent) {}

    private static final Unnest<Row> ROWS = Unnest.of(Row.class)
            .text("id", Row::eventId)
            .text("t", Row::topic)
            .text("et", Row::eventType)
            .text("a", Row::aggregateId)
            .int8("s", Row::sequence)
            .text("p", Row::payload)
            .text("tp", Row::traceparent);

    /** The statement {@link #enqueueTraced} runs, with the parameters {@link #rows} binds. */
    public static final String INSERT_ALL = "INSERT INTO outbox_event (event_id, topic, event_type, aggregate_id, "
            + "sequence, payload, traceparent, created_at) SELECT id::uuid, t, et, a, s, p::jsonb, tp, now() FROM "
            + ROWS.withOrdinality("u", "pos") + " ORDER BY pos";

    private String payload(EventType type, Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable: " + type.type(), e);
        }
    }

    /** Fired when a transaction wrote outbox rows; relays observe it after the commit. */
    public record OutboxWritten() {}
}

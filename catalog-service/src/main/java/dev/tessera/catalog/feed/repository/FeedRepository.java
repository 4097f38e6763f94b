package dev.tessera.catalog.feed.repository;

import dev.tessera.platform.sql.Unnest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/** The event feed and the fan-out of its events to webhook subscriptions, in SQL. */
@ApplicationScoped
public class FeedRepository {

    @Inject
    EntityManager em;

    /**
     * Stores a batch of events in one statement, skipping ids already stored (and repeats within the batch);
     * returns the positions of the rows actually inserted.
     */
    public List<Long> appendAll(List<FeedRow> batch) {
        // A batch may repeat an event (a producer retry); the first occurrence counts.
        java.util.Map<String, FeedRow> unique = new java.util.LinkedHashMap<>();
        batch.forEach(r -> unique.putIfAbsent(r.eventId(), r));
        List<FeedRow> rows = List.copyOf(unique.values());
        if (rows.isEmpty()) {
            return List.of();
        }
        Unnest.Values values = EVENTS.values(rows);
        List<Long> positions = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feed_event (event_id,"
                    + " event_type, source, subject, event_time, sequence, data_schema, data, product_id, domain_id,"
                    + " public_event, received_at)"
                    + " SELECT u.id, u.type, u.source, u.subject, u.time, u.seq, u.schema, CAST(u.data AS jsonb),"
                    + " u.product, u.domain, u.pub, now()"
                    + " FROM " + EVENTS.withOrdinality("u", "ord")
                    // Positions follow consumption order.
                    + " ORDER BY u.ord"
                    + " ON CONFLICT (event_id) DO NOTHING RETURNING position")) {
                values.bind(connection, insert, 1);
                List<Long> inserted = new ArrayList<>();
                try (ResultSet result = insert.executeQuery()) {
                    while (result.next()) {
                        inserted.add(result.getLong(1));
                    }
                }
                return inserted;
            }
        });
        return positions.stream().sorted().toList();
    }

    private static final Unnest<FeedRow> EVENTS = Unnest.of(FeedRow.class)
            .text("id", FeedRow::eventId)
            .text("type", FeedRow::type)
            .text("source", FeedRow::source)
            .text("subject", FeedRow::subject)
            .timestamptz("time", FeedRow::time)
            .int8("seq", FeedRow::sequence)
            .text("schema", FeedRow::dataSchema)
            .text("data", FeedRow::data)
            .text("product", FeedRow::productId)
            .text("domain", FeedRow::domainId)
            .bool("pub", FeedRow::publicEvent);

    /**
     * Locks up to {@code limit} events not yet fanned out, oldest first, skipping those another instance
     * holds; their positions.
     */
    public List<Long> claimUnfannedOut(int limit) {
        @SuppressWarnings("unchecked")
        List<Object> positions = em.createNativeQuery("SELECT position FROM feed_event WHERE NOT fanned_out"
                        + " ORDER BY position LIMIT ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        return positions.stream().map(p -> ((Number) p).longValue()).toList();
    }

    /** Marks events as fanned out. */
    public void markFannedOut(List<Long> positions) {
        em.createNativeQuery("UPDATE feed_event SET fanned_out = true WHERE position = ANY(CAST(?1 AS bigint[]))")
                .setParameter(1, positions.toArray(Long[]::new))
                .executeUpdate();
    }

    /**
     * Creates a pending delivery of each given event for every active subscription that existed when the
     * event was stored, whose filter matches and whose owner could see the event when subscribing (the
     * owner's current rights are checked again before each delivery). The unique (subscription, event id)
     * pair makes this idempotent.
     */
    public int fanOut(List<Long> positions) {
        if (positions.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("INSERT INTO delivery (subscription_id, feed_position, event_id, status,"
                        + " attempts, next_attempt_at, created_at)"
                        + " SELECT s.id, e.position, e.event_id, 'PENDING', 0, now(), now()"
                        + " FROM feed_event e JOIN subscription s ON s.active"
                        + " WHERE e.position = ANY(CAST(?1 AS bigint[]))"
                        + " AND (cardinality(s.product_ids) = 0 OR e.product_id = ANY(s.product_ids))"
                        + " AND (cardinality(s.domains) = 0 OR e.domain_id = ANY(s.domains))"
                        + " AND (cardinality(s.event_types) = 0 OR e.event_type = ANY(s.event_types))"
                        + " AND (e.public_event OR s.sees_all OR e.domain_id = ANY(s.privileged_domains))"
                        // Fan-out runs a little after storing; a subscription made meanwhile starts later.
                        + " AND s.created_at <= e.received_at"
                        + " ON CONFLICT (subscription_id, event_id) DO NOTHING")
                .setParameter(1, positions.toArray(Long[]::new))
                .executeUpdate();
    }

    /**
     * Events after a position that a caller may see: all of them when {@code seesAll}, else the public
     * ones and those of {@code domains}.
     */
    public List<FeedRow> after(long position, int limit, boolean seesAll, Set<String> domains) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT position, event_id, event_type, source, subject,"
                        + " event_time, sequence, data_schema, CAST(data AS text), product_id, domain_id, public_event"
                        + " FROM feed_event WHERE position > ?1"
                        + " AND (?2 OR public_event OR domain_id = ANY(CAST(?3 AS text[])))"
                        + " ORDER BY position LIMIT ?4")
                .setParameter(1, position)
                .setParameter(2, seesAll)
                .setParameter(3, domains.toArray(String[]::new))
                .setParameter(4, limit)
                .getResultList();
        List<FeedRow> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(row(r));
        }
        return out;
    }

    /** The position of an event id, or -1. */
    public long positionOf(String eventId) {
        @SuppressWarnings("unchecked")
        List<Object> found = em.createNativeQuery("SELECT position FROM feed_event WHERE event_id = ?1")
                .setParameter(1, eventId)
                .getResultList();
        return found.isEmpty() ? -1 : ((Number) found.get(0)).longValue();
    }

    /** One event by position. */
    public FeedRow at(long position) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT position, event_id, event_type, source, subject,"
                        + " event_time, sequence, data_schema, CAST(data AS text), product_id, domain_id, public_event"
                        + " FROM feed_event WHERE position = ?1")
                .setParameter(1, position)
                .getResultList();
        return rows.isEmpty() ? null : row(rows.get(0));
    }

    private static FeedRow row(Object[] r) {
        return new FeedRow(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                instant(r[5]),
                r[6] == null ? 0 : ((Number) r[6]).longValue(),
                (String) r[7],
                (String) r[8],
                (String) r[9],
                (String) r[10],
                (Boolean) r[11]);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}

package dev.tessera.catalog.feed.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The event feed and the fan-out of its events to webhook subscriptions, in SQL. */
@ApplicationScoped
public class FeedRepository {

    @Inject
    EntityManager em;

    /** Stores an event unless one with its id exists; the new position, or -1 for a duplicate. */
    public long append(FeedRow row) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("INSERT INTO feed_event (event_id, event_type, source, subject,"
                        + " event_time, sequence, data_schema, data, product_id, domain_id, public_event, received_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb), ?9, ?10, ?11, ?12)"
                        + " ON CONFLICT (event_id) DO NOTHING RETURNING position")
                .setParameter(1, row.eventId())
                .setParameter(2, row.type())
                .setParameter(3, row.source())
                .setParameter(4, row.subject())
                .setParameter(5, row.time() == null ? null : Timestamp.from(row.time()))
                .setParameter(6, row.sequence())
                .setParameter(7, row.dataSchema())
                .setParameter(8, row.data())
                .setParameter(9, row.productId())
                .setParameter(10, row.domainId())
                .setParameter(11, row.publicEvent())
                .setParameter(12, Timestamp.from(Instant.now()))
                .getResultList();
        return ids.isEmpty() ? -1 : ((Number) ids.get(0)).longValue();
    }

    /**
     * Creates a pending delivery of each given event for every active subscription whose filter matches
     * and whose owner may see the event. The unique (subscription, event id) pair makes this idempotent.
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

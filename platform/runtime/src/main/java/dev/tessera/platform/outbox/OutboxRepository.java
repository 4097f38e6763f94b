package dev.tessera.platform.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Access to the outbox table. The relay's two statements (read the oldest pending rows, remove the
 * sent ones) run as plain JDBC: they run for every few events a service writes, and
 * through the ORM each read hydrated managed entities and each update was planned again for every
 * new number of ids.
 */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** The oldest unpublished events, in commit order (read-only copies, not managed entities). */
    public List<OutboxEvent> pending(int limit) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, event_id, topic, event_type, aggregate_id, sequence, payload::text, traceparent,"
                            + " created_at, attempts FROM outbox_event WHERE published_at IS NULL ORDER BY id"
                            + " LIMIT ?")) {
                select.setInt(1, limit);
                List<OutboxEvent> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        OutboxEvent event = new OutboxEvent();
                        event.id = rs.getLong(1);
                        event.eventId = rs.getObject(2, UUID.class);
                        event.topic = rs.getString(3);
                        event.eventType = rs.getString(4);
                        event.aggregateId = rs.getString(5);
                        event.sequence = rs.getLong(6);
                        event.payload = rs.getString(7);
                        event.traceparent = rs.getString(8);
                        event.createdAt = rs.getObject(9, OffsetDateTime.class).toInstant();
                        event.attempts = rs.getInt(10);
                        rows.add(event);
                    }
                }
                return rows;
            }
        });
    }

    /** How many events wait to be relayed. */
    public long backlog() {
        return count("publishedAt is null");
    }

    /**
     * Removes events the broker acknowledged. Kafka keeps them from here on; a row kept as
     * "published" was written a second time for nothing and left the table growing forever.
     */
    public void removePublished(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY(?)")) {
                delete.setArray(1, connection.createArrayOf("int8", ids.toArray(Long[]::new)));
                delete.executeUpdate();
            }
        });
    }

    public void markFailed(Long id, String error) {
        update("attempts = attempts + 1, lastError = ?1 where id = ?2", error, id);
    }
}

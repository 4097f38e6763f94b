package dev.tessera.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Access to the outbox table. The relay's statements (read the oldest pending rows, remove the sent
 * ones, count what waits) run as plain JDBC on a pooled connection of their own in auto-commit, each
 * a transaction by itself: they run for every few events a service writes, and through the ORM and a
 * JTA transaction each round hydrated managed entities, planned its update again for every new number
 * of ids and went through a transaction manager's two-phase bookkeeping for a single statement.
 */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    @Inject
    AgroalDataSource dataSource;

    /** The oldest unpublished events, in commit order (read-only copies, not managed entities). */
    public List<OutboxEvent> pending(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the outbox: " + e.getMessage(), e);
        }
    }

    /** How many events wait to be relayed. */
    public long backlog() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Removes events the broker acknowledged. Kafka keeps them from here on; a row kept as
     * "published" was written a second time for nothing and left the table growing forever.
     */
    public void removePublished(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY(?)")) {
            delete.setArray(1, connection.createArrayOf("int8", ids.toArray(Long[]::new)));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove relayed events from the outbox: " + e.getMessage(), e);
        }
    }

    /** Notes a failed attempt on the event the broker did not take. */
    public void markFailed(long id, String error) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            update.setString(1, error);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not note the failed attempt in the outbox: " + e.getMessage(), e);
        }
    }
}

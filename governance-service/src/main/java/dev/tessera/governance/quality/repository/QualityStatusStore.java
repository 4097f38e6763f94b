package dev.tessera.governance.quality.repository;

import static dev.tessera.governance.quality.repository.Sql.instant;

import dev.tessera.platform.sql.Unnest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The decided quality of ports and products, their last writes and their incidents, written
 * set-based like {@link QualityResultStore}. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class QualityStatusStore {

    /** First key of the advisory locks that serialise decisions about one product. */
    private static final int LOCK_SPACE = 0x5155; // "QU"

    @Inject
    EntityManager em;

    /** The stored state of a port. */
    public record PortRow(
            String productId,
            String port,
            String status,
            String freshness,
            Instant lastWriteAt,
            String sla,
            Instant deadline) {}

    /** The stored state of a product. */
    public record ProductRow(
            String productId,
            String domainId,
            String status,
            long sequence,
            Instant lastCheckedAt,
            Instant lastPassedAt) {}

    /** An open incident. */
    public record Incident(String port, String checkId, String name, String observed, Instant openedAt) {}

    /** Moves each port's last write forward (never back); creates the port's row when it has none. */
    public void recordWrites(List<String> productIds, List<String> ports, List<Instant> writtenAt) {
        if (ports.isEmpty()) {
            return;
        }
        Unnest.Values rows = WRITES.values(IntStream.range(0, ports.size())
                .mapToObj(i -> new Write(productIds.get(i), ports.get(i), writtenAt.get(i)))
                .toList());
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_port AS p (product_id, port, status,"
                    + " freshness, last_write_at, updated_at)"
                    + " SELECT u.product_id, u.port, 'UNKNOWN', 'UNKNOWN', u.at, now() FROM " + WRITES.as("u")
                    + " ON CONFLICT (product_id, port) DO UPDATE"
                    + " SET last_write_at = GREATEST(p.last_write_at, EXCLUDED.last_write_at)")) {
                rows.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** A write to a port at an instant. */
    private record Write(String productId, String port, Instant at) {}

    private static final Unnest<Write> WRITES = Unnest.of(Write.class)
            .text("product_id", Write::productId)
            .text("port", Write::port)
            .timestamptz("at", Write::at);

    /** The stored port rows of the given products. */
    public List<PortRow> ports(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT product_id, port, status, freshness, last_write_at,"
                    + " sla, deadline FROM quality_port WHERE product_id = ANY(?::text[]) ORDER BY product_id, port")) {
                s.setArray(1, c.createArrayOf("text", productIds.toArray(String[]::new)));
                List<PortRow> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new PortRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                instant(rs.getTimestamp(5)),
                                rs.getString(6),
                                instant(rs.getTimestamp(7))));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * The stored product rows of the given products, each product locked until the transaction ends
     * (whether it has a row yet or not): two transactions never decide the same product at once, so
     * its status events keep one sequence and no change is announced twice.
     */
    public Map<String, ProductRow> productsForUpdate(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        return work(c -> {
            // Taken in one order by every transaction, so two deciding overlapping products never deadlock.
            try (PreparedStatement lock = c.prepareStatement("SELECT count(pg_advisory_xact_lock(" + LOCK_SPACE
                    + ", h)) FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest(?::text[]) AS u(id) ORDER BY h) x")) {
                lock.setArray(1, c.createArrayOf("text", productIds.toArray(String[]::new)));
                lock.executeQuery().close();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT product_id, domain_id, status, sequence,"
                    + " last_checked_at, last_passed_at FROM quality_product WHERE product_id = ANY(?::text[])"
                    + " ORDER BY product_id FOR UPDATE")) {
                s.setArray(1, c.createArrayOf("text", productIds.toArray(String[]::new)));
                Map<String, ProductRow> rows = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.put(
                                rs.getString(1),
                                new ProductRow(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getLong(4),
                                        instant(rs.getTimestamp(5)),
                                        instant(rs.getTimestamp(6))));
                    }
                }
                return rows;
            }
        });
    }

    /** A product's stored row, without locking it; empty when it was never observed. */
    public java.util.Optional<ProductRow> product(String productId) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT product_id, domain_id, status, sequence,"
                    + " last_checked_at, last_passed_at FROM quality_product WHERE product_id = ?")) {
                s.setString(1, productId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return java.util.Optional.empty();
                    }
                    return java.util.Optional.of(new ProductRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            instant(rs.getTimestamp(5)),
                            instant(rs.getTimestamp(6))));
                }
            }
        });
    }

    /** Stores decided port rows (insert or replace). */
    public void savePorts(List<PortRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Unnest.Values ports = PORTS.values(rows);
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_port AS p (product_id, port, status,"
                    + " freshness, last_write_at, sla, deadline, updated_at)"
                    + " SELECT u.*, now() FROM " + PORTS.as("u")
                    + " ON CONFLICT (product_id, port) DO UPDATE SET status = EXCLUDED.status,"
                    + " freshness = EXCLUDED.freshness, sla = EXCLUDED.sla, deadline = EXCLUDED.deadline,"
                    + " last_write_at = GREATEST(p.last_write_at, EXCLUDED.last_write_at), updated_at = now()")) {
                ports.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** Stores decided product rows (insert or replace). */
    public void saveProducts(List<ProductRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Unnest.Values products = PRODUCTS.values(rows);
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_product AS p (product_id, domain_id,"
                    + " status, sequence, last_checked_at, last_passed_at, updated_at)"
                    + " SELECT u.*, now() FROM " + PRODUCTS.as("u")
                    + " ON CONFLICT (product_id) DO UPDATE SET domain_id = EXCLUDED.domain_id,"
                    + " status = EXCLUDED.status, sequence = EXCLUDED.sequence,"
                    + " last_checked_at = EXCLUDED.last_checked_at, last_passed_at = EXCLUDED.last_passed_at,"
                    + " updated_at = now()")) {
                products.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    private static final Unnest<PortRow> PORTS = Unnest.of(PortRow.class)
            .text("product_id", PortRow::productId)
            .text("port", PortRow::port)
            .text("status", PortRow::status)
            .text("freshness", PortRow::freshness)
            .timestamptz("last_write_at", PortRow::lastWriteAt)
            .text("sla", PortRow::sla)
            .timestamptz("deadline", PortRow::deadline);

    private static final Unnest<ProductRow> PRODUCTS = Unnest.of(ProductRow.class)
            .text("product_id", ProductRow::productId)
            .text("domain_id", ProductRow::domainId)
            .text("status", ProductRow::status)
            .int8("sequence", ProductRow::sequence)
            .timestamptz("last_checked_at", ProductRow::lastCheckedAt)
            .timestamptz("last_passed_at", ProductRow::lastPassedAt);

    /**
     * Opens an incident for every check of the products whose latest result is a FAIL and that has
     * none open, and closes the open incidents of checks whose latest result is a PASS.
     */
    public void syncIncidents(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        work(c -> {
            java.sql.Array ids = c.createArrayOf("text", productIds.toArray(String[]::new));
            try (PreparedStatement open = c.prepareStatement("INSERT INTO quality_incident (product_id, port,"
                            + " check_id, name, observed, status, opened_at)"
                            + " SELECT product_id, port, check_id, name, observed, 'OPEN', observed_at"
                            + " FROM quality_check_latest WHERE product_id = ANY(?::text[]) AND outcome = 'FAIL'"
                            + " ON CONFLICT (product_id, port, check_id) WHERE status = 'OPEN' DO NOTHING");
                    PreparedStatement close = c.prepareStatement("UPDATE quality_incident i SET status = 'CLOSED',"
                            + " closed_at = l.observed_at FROM quality_check_latest l"
                            + " WHERE i.status = 'OPEN' AND i.product_id = ANY(?::text[])"
                            + " AND l.product_id = i.product_id AND l.port = i.port AND l.check_id = i.check_id"
                            + " AND l.outcome = 'PASS'")) {
                open.setArray(1, ids);
                open.executeUpdate();
                close.setArray(1, ids);
                close.executeUpdate();
                return null;
            }
        });
    }

    /** Products with a port whose freshness deadline passed and that is not STALE yet. */
    public List<String> productsPastDeadline(Instant now, int limit) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT product_id FROM quality_port"
                    + " WHERE freshness <> 'STALE' AND deadline < ? LIMIT ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, limit);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /** The product's open incidents, oldest first. */
    public List<Incident> openIncidents(String productId) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT port, check_id, name, observed, opened_at"
                    + " FROM quality_incident WHERE product_id = ? AND status = 'OPEN' ORDER BY opened_at, id")) {
                s.setString(1, productId);
                List<Incident> open = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        open.add(new Incident(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                instant(rs.getTimestamp(5))));
                    }
                }
                return open;
            }
        });
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}

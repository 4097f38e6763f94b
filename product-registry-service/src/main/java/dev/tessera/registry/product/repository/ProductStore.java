package dev.tessera.registry.product.repository;

import dev.tessera.platform.sql.Unnest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.hibernate.Session;

/**
 * The apply path's reads and writes, set-based: whatever the number of products, one round trip reads (and locks)
 * them with their versions and who holds the contract ids they name ({@link #read}), and one more writes every
 * change, one statement per kind of row, together with statements of the caller's (the audit entries and outbox
 * events: {@link #write}). The statements of one round trip travel as one message sequence and their answers are read
 * after a single wait. Native SQL on the transaction's connection, so no persistence context has to be flushed; the
 * entities it returns and takes are detached value holders.
 *
 * <p>Locks are taken in product id order, by every caller: two transactions that lock overlapping sets of products
 * wait for each other instead of deadlocking.
 */
@ApplicationScoped
public class ProductStore {

    /** SQLSTATE of a unique violation: a product or version someone else inserted first. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    EntityManager entities;

    /**
     * A product as stored.
     *
     * @param product the product row
     * @param versions its versions, oldest first (by semantic version); never empty for a stored product
     */
    public record Stored(ProductEntity product, List<ProductVersionEntity> versions) {}

    /**
     * An output port that carries a contract id.
     *
     * @param contractId the contract id
     * @param productId the product offering the port (in any of its versions)
     * @param portName the port's name
     */
    public record ContractHolder(String contractId, String productId, String portName) {}

    /** Thrown when a write met a row another transaction inserted first; the whole transaction is void. */
    public static final class ConcurrentWriteException extends RuntimeException {
        ConcurrentWriteException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final String LOAD = "SELECT p.id, p.domain_id, p.name, p.sequence, p.created_at, p.updated_at,"
            + " v.version, v.version_key, v.status, v.descriptor_text, v.descriptor_hash, CAST(v.findings AS text),"
            + " CAST(v.status_reasons AS text), v.sunset_date, v.successor, v.pending_sequence, v.created_at,"
            + " v.created_by, v.updated_at, v.status_changed_at"
            + " FROM data_product p LEFT JOIN product_version v ON v.product_id = p.id"
            + " WHERE p.id = ANY(?) ORDER BY p.id, v.version_key";

    /**
     * What a transaction's writes are decided on.
     *
     * @param products the stored products among the ids read, each with its versions; ids with no product are absent
     * @param holders every output port, of any product version, carrying one of the contract ids read, by contract id
     */
    public record Snapshot(Map<String, Stored> products, Map<String, List<ContractHolder>> holders) {}

    /**
     * Reads the products {@code ids} with their versions and the holders of {@code contractIds}, in one round trip.
     * With {@code lock}, the product rows stay locked until the transaction ends, so no other write moves them
     * meanwhile.
     */
    public Snapshot read(Collection<String> ids, Collection<String> contractIds, boolean lock) {
        String[] sorted = ids.stream().distinct().sorted().toArray(String[]::new);
        String[] contracts = contractIds.stream().distinct().toArray(String[]::new);
        return work(connection -> {
            String sql = (lock ? LOAD + " FOR UPDATE OF p" : LOAD) + ";\n" + HOLDERS;
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setArray(1, connection.createArrayOf("text", sorted));
                query.setArray(2, connection.createArrayOf("text", contracts));
                query.execute();
                Map<String, Stored> products;
                try (ResultSet rows = query.getResultSet()) {
                    products = products(rows);
                }
                query.getMoreResults();
                Map<String, List<ContractHolder>> holders = new LinkedHashMap<>();
                try (ResultSet rows = query.getResultSet()) {
                    while (rows.next()) {
                        ContractHolder holder =
                                new ContractHolder(rows.getString(1), rows.getString(2), rows.getString(3));
                        holders.computeIfAbsent(holder.contractId(), c -> new ArrayList<>())
                                .add(holder);
                    }
                }
                return new Snapshot(products, holders);
            }
        });
    }

    private static Map<String, Stored> products(ResultSet rows) throws SQLException {
        Map<String, ProductEntity> products = new LinkedHashMap<>();
        Map<String, List<ProductVersionEntity>> versions = new LinkedHashMap<>();
        while (rows.next()) {
            String id = rows.getString(1);
            if (!products.containsKey(id)) {
                products.put(id, product(rows));
                versions.put(id, new ArrayList<>());
            }
            if (rows.getString(7) != null) {
                versions.get(id).add(version(id, rows));
            }
        }
        Map<String, Stored> stored = new LinkedHashMap<>();
        products.forEach((id, product) -> stored.put(id, new Stored(product, List.copyOf(versions.get(id)))));
        return stored;
    }

    private static ProductEntity product(ResultSet rows) throws SQLException {
        ProductEntity product = new ProductEntity();
        product.id = rows.getString(1);
        product.domainId = rows.getString(2);
        product.name = rows.getString(3);
        product.sequence = rows.getLong(4);
        product.createdAt = instant(rows, 5);
        product.updatedAt = instant(rows, 6);
        return product;
    }

    private static ProductVersionEntity version(String productId, ResultSet rows) throws SQLException {
        ProductVersionEntity v = new ProductVersionEntity();
        v.productId = productId;
        v.version = rows.getString(7);
        v.versionKey = rows.getString(8);
        v.status = Lifecycle.valueOf(rows.getString(9));
        v.descriptorText = rows.getString(10);
        v.descriptor = v.descriptorText;
        v.descriptorHash = rows.getString(11);
        v.findings = rows.getString(12);
        v.statusReasons = rows.getString(13);
        v.sunsetDate = rows.getObject(14, LocalDate.class);
        v.successor = rows.getString(15);
        long pending = rows.getLong(16);
        v.pendingSequence = rows.wasNull() ? null : pending;
        v.createdAt = instant(rows, 17);
        v.createdBy = rows.getString(18);
        v.updatedAt = instant(rows, 19);
        v.statusChangedAt = instant(rows, 20);
        return v;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final String HOLDERS = "SELECT DISTINCT contract_id, product_id, name FROM output_port"
            + " WHERE contract_id = ANY(?) ORDER BY contract_id, product_id, name";

    /**
     * The changes of one transaction, gathered per kind so that each kind is one statement. Rows are written in this
     * order: new products, changed products, ports of rewritten versions removed, replaced versions removed (their
     * ports with them), new versions, rewritten versions, and every new port.
     */
    public static final class Changes {
        private final List<ProductEntity> created = new ArrayList<>();
        private final List<ProductEntity> changed = new ArrayList<>();
        private final List<ProductVersionEntity> removed = new ArrayList<>();
        private final List<ProductVersionEntity> added = new ArrayList<>();
        private final List<ProductVersionEntity> rewritten = new ArrayList<>();
        private final List<OutputPortEntity> ports = new ArrayList<>();

        /** A product that did not exist. */
        public void create(ProductEntity product) {
            created.add(product);
        }

        /** A stored product whose name, sequence or update time changed. */
        public void change(ProductEntity product) {
            changed.add(product);
        }

        /** A stored version to delete, with its ports. */
        public void remove(ProductVersionEntity version) {
            removed.add(version);
        }

        /** A version that did not exist. */
        public void add(ProductVersionEntity version) {
            added.add(version);
        }

        /** A stored version whose descriptor changed; its ports are replaced by those added with {@link #port}. */
        public void rewrite(ProductVersionEntity version) {
            rewritten.add(version);
        }

        /** An output port of a version added or rewritten in the same changes. */
        public void port(OutputPortEntity port) {
            ports.add(port);
        }

        public boolean isEmpty() {
            return created.isEmpty()
                    && changed.isEmpty()
                    && removed.isEmpty()
                    && added.isEmpty()
                    && rewritten.isEmpty();
        }
    }

    private static final Unnest<ProductEntity> PRODUCTS = Unnest.of(ProductEntity.class)
            .text("i", p -> p.id)
            .text("d", p -> p.domainId)
            .text("n", p -> p.name)
            .int8("s", p -> p.sequence)
            .timestamptz("c", p -> p.createdAt)
            .timestamptz("u", p -> p.updatedAt);

    private static final String INSERT_PRODUCTS =
            "INSERT INTO data_product (id, domain_id, name, sequence, created_at, updated_at)"
                    + " SELECT i, d, n, s, c, u FROM " + PRODUCTS.as("x") + " ORDER BY i";

    private static final String UPDATE_PRODUCTS = "UPDATE data_product p SET name = x.n, sequence = x.s,"
            + " updated_at = x.u FROM " + PRODUCTS.as("x") + " WHERE p.id = x.i";

    private static final Unnest<ProductVersionEntity> VERSION_KEYS =
            Unnest.of(ProductVersionEntity.class).text("p", v -> v.productId).text("v", v -> v.version);

    private static final String DELETE_PORTS = "DELETE FROM output_port o USING " + VERSION_KEYS.as("x")
            + " WHERE o.product_id = x.p AND o.product_version = x.v";

    private static final String DELETE_VERSIONS = "DELETE FROM product_version pv USING " + VERSION_KEYS.as("x")
            + " WHERE pv.product_id = x.p AND pv.version = x.v";

    private static final Unnest<ProductVersionEntity> VERSIONS = Unnest.of(ProductVersionEntity.class)
            .text("p", v -> v.productId)
            .text("v", v -> v.version)
            .text("k", v -> v.versionKey)
            .text("st", v -> v.status.name())
            .text("t", v -> v.descriptorText)
            .text("h", v -> v.descriptorHash)
            .text("f", v -> v.findings)
            .timestamptz("c", v -> v.createdAt)
            .text("cb", v -> v.createdBy)
            .timestamptz("u", v -> v.updatedAt)
            .timestamptz("sc", v -> v.statusChangedAt);

    private static final String INSERT_VERSIONS = "INSERT INTO product_version (product_id, version, version_key,"
            + " status, descriptor, descriptor_text, descriptor_hash, findings, created_at, created_by, updated_at,"
            + " status_changed_at) SELECT p, v, k, st, t::jsonb, t, h, f::jsonb, c, cb, u, sc FROM "
            + VERSIONS.as("x") + " ORDER BY p, v";

    private static final String UPDATE_VERSIONS = "UPDATE product_version pv SET descriptor = x.t::jsonb,"
            + " descriptor_text = x.t, descriptor_hash = x.h, findings = x.f::jsonb, updated_at = x.u FROM "
            + VERSIONS.as("x") + " WHERE pv.product_id = x.p AND pv.version = x.v";

    private static final Unnest<OutputPortEntity> PORTS = Unnest.of(OutputPortEntity.class)
            .text("p", o -> o.productId)
            .text("v", o -> o.productVersion)
            .text("n", o -> o.name)
            .text("pv", o -> o.portVersion)
            .text("t", o -> o.portType)
            .text("c", o -> o.contractId);

    private static final String INSERT_PORTS = "INSERT INTO output_port (product_id, product_version, name,"
            + " port_version, port_type, contract_id) SELECT p, v, n, pv, t, c FROM " + PORTS.as("x");

    /**
     * A statement of the caller's to send with the changes, and the arrays it binds.
     *
     * @param sql the statement, whose parameters are exactly those {@code rows} binds
     * @param rows the arrays of its rows
     */
    public record Statement(String sql, Unnest.Values rows) {}

    /**
     * Writes the changes, one statement per kind that has any, then {@code more}, all in one round trip. A row someone
     * else inserted first (two first writes of one product) throws {@link ConcurrentWriteException}; the transaction
     * must then be rolled back.
     */
    public void write(Changes changes, List<Statement> more) {
        List<Statement> statements = new ArrayList<>();
        add(statements, INSERT_PRODUCTS, PRODUCTS, changes.created);
        add(statements, UPDATE_PRODUCTS, PRODUCTS, changes.changed);
        add(statements, DELETE_PORTS, VERSION_KEYS, changes.rewritten);
        // The schema's ON DELETE CASCADE removes a deleted version's ports.
        add(statements, DELETE_VERSIONS, VERSION_KEYS, changes.removed);
        add(statements, INSERT_VERSIONS, VERSIONS, changes.added);
        add(statements, UPDATE_VERSIONS, VERSIONS, changes.rewritten);
        add(statements, INSERT_PORTS, PORTS, changes.ports);
        statements.addAll(more);
        if (statements.isEmpty()) {
            return;
        }
        work(connection -> {
            StringJoiner sql = new StringJoiner(";\n");
            statements.forEach(statement -> sql.add(statement.sql()));
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int next = 1;
                for (Statement each : statements) {
                    next = each.rows().bind(connection, statement, next);
                }
                statement.execute();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ConcurrentWriteException(e);
                }
                throw e;
            }
            return null;
        });
    }

    private static <R> void add(List<Statement> statements, String sql, Unnest<R> columns, List<R> rows) {
        if (!rows.isEmpty()) {
            statements.add(new Statement(sql, columns.values(rows)));
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return entities.unwrap(Session.class).doReturningWork(work::run);
    }
}

package dev.tessera.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Governance's quality tables as the quality benchmark sees them (governance-service, V8__quality.sql):
 * how many observations it has applied, a bulk fill of stored results, and the statements a product's
 * quality summary runs (QualityQueries.summary), run straight on the database as the summary's floor.
 */
final class GovernanceQuality {

    /** Observations governance has applied: each is recorded once in processed_event. */
    static final String PROCESSED = "SELECT count(*) FROM processed_event WHERE consumer = 'quality-observations'";

    /** Checks per port in the bulk fill. */
    private static final int CHECKS = 50;

    /** Days the bulk fill's results are spread over. */
    private static final int DAYS = 90;

    private GovernanceQuality() {}

    /**
     * Stores {@code total} results spread evenly over the products' {@code table} ports, fifty checks
     * each, one in ten failing, observed over the last ninety days; then brings the latest results
     * and the daily rollup up to date with them, as the consumer keeps them. Returns the results
     * stored in all, those the run's ingest stored included.
     */
    static long fill(Connection db, int total, int products) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE bulk_result ON COMMIT DROP AS"
                    + " SELECT 'qbench-p' || (g % " + products + ") AS product_id, 'table'::text AS port,"
                    + " 'assertion:bulk-' || (g % " + CHECKS + ") AS check_id,"
                    + " CASE WHEN g % 10 = 0 THEN 'FAIL' ELSE 'PASS' END AS outcome,"
                    + " now() - make_interval(secs => (g::double precision / " + total + ") * " + DAYS * 86_400
                    + ") AS observed_at, 'bulk-' || g AS observation_id"
                    + " FROM generate_series(1, " + total + ") AS g");
            s.execute("INSERT INTO quality_result (product_id, port, check_id, source, outcome, observed, name,"
                    + " observed_at, observation_id, recorded_at)"
                    + " SELECT product_id, port, check_id, 'ASSERTION', outcome, NULL, check_id, observed_at,"
                    + " observation_id, now() FROM bulk_result");
            s.execute("INSERT INTO quality_check_latest (product_id, port, check_id, source, outcome, name,"
                    + " observed_at, observation_id)"
                    + " SELECT DISTINCT ON (product_id, port, check_id) product_id, port, check_id, 'ASSERTION',"
                    + " outcome, check_id, observed_at, observation_id FROM bulk_result"
                    + " ORDER BY product_id, port, check_id, observed_at DESC"
                    + " ON CONFLICT (product_id, port, check_id) DO NOTHING");
            s.execute("INSERT INTO quality_daily (product_id, port, day, passed, failed)"
                    + " SELECT product_id, port, (observed_at AT TIME ZONE 'UTC')::date,"
                    + " count(*) FILTER (WHERE outcome = 'PASS'), count(*) FILTER (WHERE outcome = 'FAIL')"
                    + " FROM bulk_result GROUP BY 1, 2, 3"
                    + " ON CONFLICT (product_id, port, day) DO UPDATE SET passed = quality_daily.passed"
                    + " + EXCLUDED.passed, failed = quality_daily.failed + EXCLUDED.failed");
            db.commit();
            s.execute("ANALYZE quality_result");
            s.execute("ANALYZE quality_check_latest");
            s.execute("ANALYZE quality_daily");
            db.commit();
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM quality_result")) {
                rows.next();
                return rows.getLong(1);
            }
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /** The summary's statements, prepared once on a connection of the benchmark's own. */
    static Statements prepare(Connection db) throws SQLException {
        return new Statements(db);
    }

    /**
     * What one summary asks the database: the product's state (its contracts), its decided status,
     * the latest result of each check, its ports, its open incidents and thirty days of the rollup.
     * Every row is read to the end, as the service reads them.
     */
    static final class Statements implements AutoCloseable {
        private final Connection connection;
        private final List<PreparedStatement> byProduct;
        private final PreparedStatement daily;

        private Statements(Connection db) throws SQLException {
            byProduct = List.of(
                    db.prepareStatement("SELECT product_id, domain_id, state::text FROM product_state"
                            + " WHERE product_id = ANY(?::text[])"),
                    db.prepareStatement("SELECT product_id, domain_id, status, sequence, last_checked_at,"
                            + " last_passed_at FROM quality_product WHERE product_id = ANY(?::text[])"),
                    db.prepareStatement("SELECT product_id, port, check_id, source, outcome, observed, operator,"
                            + " threshold, unit, name, column_name, severity, observed_at, run_id, event_id,"
                            + " observation_id FROM quality_check_latest WHERE product_id = ANY(?::text[])"
                            + " ORDER BY product_id, port, check_id"),
                    db.prepareStatement("SELECT product_id, port, status, freshness, last_write_at, sla, deadline"
                            + " FROM quality_port WHERE product_id = ANY(?::text[]) ORDER BY product_id, port"),
                    db.prepareStatement("SELECT port, check_id, name, observed, opened_at FROM quality_incident"
                            + " WHERE product_id = ANY(?::text[]) AND status = 'OPEN' ORDER BY opened_at, id"));
            daily = db.prepareStatement("SELECT port, day, passed, failed FROM quality_daily"
                    + " WHERE product_id = ? AND day >= ? ORDER BY port, day");
            this.connection = db;
        }

        void summary(String productId) throws SQLException {
            java.sql.Array ids = connection.createArrayOf("text", new String[] {productId});
            for (PreparedStatement statement : byProduct) {
                statement.setArray(1, ids);
                drain(statement);
            }
            daily.setString(1, productId);
            daily.setObject(2, LocalDate.now(ZoneOffset.UTC).minusDays(29));
            drain(daily);
        }

        private static void drain(PreparedStatement statement) throws SQLException {
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rows.getObject(c);
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : byProduct) {
                statement.close();
            }
            daily.close();
        }
    }
}

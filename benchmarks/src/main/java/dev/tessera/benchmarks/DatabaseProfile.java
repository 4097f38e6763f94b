package dev.tessera.benchmarks;

import dev.tessera.testkit.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL did for one phase of a benchmark, for investigating a figure: the statements
 * that took the most time (when the server runs with {@code pg_stat_statements}, see
 * {@code -Dbench.pgConfig}) and the rows each table took in, updated and left dead. Prints nothing
 * unless {@code -Dbench.pgProfile=true}.
 */
final class DatabaseProfile implements AutoCloseable {

    private final Connection db;
    private final boolean statements;

    private DatabaseProfile(Connection db, boolean statements) {
        this.db = db;
        this.statements = statements;
    }

    static DatabaseProfile open(EmbeddedPostgresServer pg, String database) throws SQLException {
        if (!Boolean.getBoolean("bench.pgProfile")) {
            return new DatabaseProfile(null, false);
        }
        Connection db = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
        boolean statements = System.getProperty("bench.pgConfig", "").contains("pg_stat_statements");
        if (statements) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
        }
        return new DatabaseProfile(db, statements);
    }

    /**
     * CPU time of every PostgreSQL process on the machine (server and connection backends) so far,
     * as the OS reports it; the difference over a phase is what the database spent on it. A
     * backend that exits within the phase takes its time with it, so this counts low if the pool
     * closes connections.
     */
    static long serverCpuNanos() {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(p -> p.info()
                        .totalCpuDuration()
                        .map(java.time.Duration::toNanos)
                        .orElse(0L))
                .sum();
    }

    /** Starts counting afresh. */
    void reset() throws SQLException {
        if (db == null) {
            return;
        }
        try (Statement s = db.createStatement()) {
            if (statements) {
                s.execute("SELECT pg_stat_statements_reset()");
            }
            s.execute("SELECT pg_stat_reset()");
        }
    }

    /** Prints what happened since the last reset. */
    void print(String phase) throws SQLException {
        if (db == null) {
            return;
        }
        System.out.println("PostgreSQL during " + phase + ":");
        try (Statement s = db.createStatement()) {
            // The statistics collector reports with a delay of up to half a second.
            s.execute("SELECT pg_sleep(1)");
            if (statements) {
                printRows(
                        s,
                        "calls | total ms | mean ms | rows | statement",
                        "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows, "
                                + "left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements "
                                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                                + "ORDER BY total_exec_time DESC LIMIT 25");
            }
            printRows(
                    s,
                    "table | inserted | updated | hot updated | deleted | dead | seq scans | idx scans",
                    "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_dead_tup, seq_scan, idx_scan "
                            + "FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname");
            try (ResultSet rows = s.executeQuery("SELECT indexrelname, idx_scan FROM pg_stat_user_indexes "
                    + "WHERE relname IN (SELECT relname FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd > 0) "
                    + "ORDER BY relname, indexrelname")) {
                StringBuilder line = new StringBuilder("  index scans:");
                while (rows.next()) {
                    line.append(' ').append(rows.getString(1)).append('=').append(rows.getLong(2));
                }
                System.out.println(line);
            }
        }
    }

    /** Prints a query's rows under a header, one line per row, its columns separated by bars. */
    private static void printRows(Statement s, String header, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            System.out.println("  " + header);
            while (rows.next()) {
                StringBuilder line = new StringBuilder(" ");
                for (int c = 1; c <= columns; c++) {
                    line.append(c == 1 ? " " : " | ").append(rows.getString(c));
                }
                System.out.println(line);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }
}

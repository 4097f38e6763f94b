package dev.tessera.benchmarks;

import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real infrastructure one benchmark run owns: a work folder under {@code benchmarks/target},
 * a PostgreSQL server with the service's database and a {@code floor} database for the baseline,
 * a Kafka broker, and a sink for the services' spans. Closing it stops all three.
 *
 * <p>PostgreSQL runs durable, as production runs it ({@code fsync} and {@code synchronous_commit}
 * on), for Tessera and the floor alike: a figure for writes is a figure for commits that survive a
 * crash. The test kit's servers turn both off, which is right for tests and wrong for a benchmark.
 *
 * @param work the run's folder (logs, data)
 * @param pg the PostgreSQL server
 * @param kafka the broker
 * @param spans where the services export their traces
 * @param commits how the server commits, for the tables' captions: "durable commits" unless
 *     {@code -Dbench.pgConfig} turned {@code fsync} or {@code synchronous_commit} off
 */
record BenchEnvironment(Path work, EmbeddedPostgresServer pg, EmbeddedKafka kafka, SpanSink spans, String commits)
        implements AutoCloseable {

    /** What production runs with; the test kit turns the first two off. */
    private static final Map<String, String> DURABLE =
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    /** Starts the servers for {@code scenario}, creating {@code database} and {@code floor}. */
    static BenchEnvironment start(Path root, String scenario, String database) throws IOException {
        Path work = root.resolve("benchmarks/target/bench-" + scenario + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(work.resolve("postgres"), pgSettings());
        EmbeddedKafka kafka;
        SpanSink spans;
        try {
            kafka = EmbeddedKafka.start(work.resolve("kafka"));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        try {
            spans = SpanSink.start();
        } catch (IOException | RuntimeException e) {
            kafka.close();
            pg.close();
            throw e;
        }
        pg.ensureDatabase(database);
        pg.ensureDatabase("floor");
        String commits = printDurability(pg, database);
        return new BenchEnvironment(work, pg, kafka, spans, commits);
    }

    /**
     * Prints the settings that decide what a commit costs, as the server reports them; returns
     * "durable commits" when both fsync and synchronous_commit are on, else the settings.
     */
    private static String printDurability(EmbeddedPostgresServer pg, String database) {
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
                Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT name, setting FROM pg_settings"
                        + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method')"
                        + " ORDER BY name")) {
            StringBuilder line = new StringBuilder("PostgreSQL (Tessera and floor):");
            Map<String, String> settings = new LinkedHashMap<>();
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
                line.append(' ').append(rows.getString(1)).append('=').append(rows.getString(2));
            }
            System.out.println(line);
            boolean durable = "on".equals(settings.get("fsync")) && "on".equals(settings.get("synchronous_commit"));
            return durable
                    ? "durable commits"
                    : "NOT durable: fsync=" + settings.get("fsync") + ", synchronous_commit="
                            + settings.get("synchronous_commit");
        } catch (SQLException e) {
            throw new IllegalStateException("could not read PostgreSQL's settings", e);
        }
    }

    /**
     * The server's settings: durable as in production, then any extra settings for investigating a
     * figure, from {@code -Dbench.pgConfig}: {@code name=value} pairs separated by {@code ;}, e.g.
     * {@code shared_preload_libraries=pg_stat_statements;track_io_timing=on}. None by default.
     */
    static Map<String, String> pgSettings() {
        Map<String, String> settings = new LinkedHashMap<>(DURABLE);
        for (String pair : System.getProperty("bench.pgConfig", "").split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(
                        pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return settings;
    }

    @Override
    public void close() {
        try {
            spans.close();
            kafka.close();
        } finally {
            pg.close();
        }
    }
}

package dev.tessera.benchmarks;

import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real infrastructure one benchmark run owns: a work folder under {@code benchmarks/target},
 * a PostgreSQL server with the service's database and a {@code floor} database for the baseline,
 * and a Kafka broker. Closing it stops both servers.
 *
 * @param work the run's folder (logs, data)
 * @param pg the PostgreSQL server
 * @param kafka the broker
 */
record BenchEnvironment(Path work, EmbeddedPostgresServer pg, EmbeddedKafka kafka) implements AutoCloseable {

    /** Starts the servers for {@code scenario}, creating {@code database} and {@code floor}. */
    static BenchEnvironment start(Path root, String scenario, String database) throws IOException {
        Path work = root.resolve("benchmarks/target/bench-" + scenario + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(work.resolve("postgres"), pgSettings());
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(work.resolve("kafka"));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        pg.ensureDatabase(database);
        pg.ensureDatabase("floor");
        return new BenchEnvironment(work, pg, kafka);
    }

    /**
     * Extra PostgreSQL settings for investigating a figure, from {@code -Dbench.pgConfig}:
     * {@code name=value} pairs separated by {@code ;}, e.g.
     * {@code shared_preload_libraries=pg_stat_statements;track_io_timing=on}. None by default.
     */
    static Map<String, String> pgSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
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
            kafka.close();
        } finally {
            pg.close();
        }
    }
}

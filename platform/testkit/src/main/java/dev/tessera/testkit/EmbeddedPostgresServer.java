package dev.tessera.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server started from the embedded binaries published on Maven Central. One
 * server hosts a database per service, as the local stack does.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a throw-away server in {@code dataDir} on a free port. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        return start(dataDir, FreePorts.next(), true);
    }

    /**
     * Starts a server on {@code port} with its data in {@code dataDir}; with {@code clean} false an
     * existing data directory is reused, so data survives restarts.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean clean) {
        return start(dataDir, port, clean, Map.of());
    }

    /**
     * A throw-away server in {@code dataDir} on a free port, with extra server settings on top of
     * the usual ones (e.g. {@code shared_preload_libraries=pg_stat_statements} while profiling).
     */
    public static EmbeddedPostgresServer start(Path dataDir, Map<String, String> serverConfig) {
        return start(dataDir, FreePorts.next(), true, serverConfig);
    }

    /** {@link #start(Path, int, boolean)} with extra server settings on top of the usual ones. */
    public static EmbeddedPostgresServer start(
            Path dataDir, int port, boolean clean, Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off");
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser name the embedded server was initialised with. */
    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** JDBC URL of one database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; names are restricted to lower-case identifiers. */
    public synchronized void ensureDatabase(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /** Drops and recreates a database, for tests that need a blank store. */
    public synchronized void recreateDatabase(String database) {
        ensureDatabase(database);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not recreate database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

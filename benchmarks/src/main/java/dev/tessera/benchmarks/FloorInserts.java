package dev.tessera.benchmarks;

import dev.tessera.testkit.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The write floor: raw INSERTs into the {@code floor} database from as many concurrent senders as
 * the scenario has clients, each on a connection of its own. The connections are opened before
 * anything is timed and stay open across the warm-up and the measurement, as a service's
 * connection pool does; each call is one autocommit transaction (a durable commit on the
 * benchmark's server) of one row or of several rows in one multi-row INSERT.
 */
final class FloorInserts implements AutoCloseable {

    /** Binds row {@code row}'s values to a statement, starting at parameter {@code first}. */
    @FunctionalInterface
    interface RowBinder {
        void bind(PreparedStatement insert, int first, int row) throws SQLException;
    }

    /**
     * What one pass wrote.
     *
     * @param latencies nanoseconds per call, in call order
     * @param seconds wall time of the pass
     */
    record Pass(long[] latencies, double seconds) {}

    private final List<Connection> connections;
    private final String head;
    private final String rowValues;
    private final int columns;

    private FloorInserts(List<Connection> connections, String head, String rowValues, int columns) {
        this.connections = connections;
        this.head = head;
        this.rowValues = rowValues;
        this.columns = columns;
    }

    /**
     * Creates the table with {@code ddl} and opens {@code senders} connections to the floor
     * database; rows go in as {@code head VALUES rowValues, rowValues, ...} with {@code columns}
     * parameters per row.
     */
    static FloorInserts open(
            EmbeddedPostgresServer pg, int senders, String ddl, String head, String rowValues, int columns)
            throws SQLException {
        List<Connection> connections = new ArrayList<>(senders);
        try {
            for (int i = 0; i < senders; i++) {
                connections.add(DriverManager.getConnection(pg.jdbcUrl("floor"), pg.username(), pg.password()));
            }
            try (Statement s = connections.get(0).createStatement()) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            for (Connection c : connections) {
                c.close();
            }
            throw e;
        }
        return new FloorInserts(connections, head, rowValues, columns);
    }

    /** Writes rows {@code 0..count-1} in calls of {@code rowsPerCall} rows, every sender at once. */
    Pass write(int count, int rowsPerCall, RowBinder binder) throws Exception {
        int calls = count / rowsPerCall;
        long[] latencies = new long[calls];
        AtomicInteger next = new AtomicInteger();
        String sql = head + " VALUES " + String.join(", ", java.util.Collections.nCopies(rowsPerCall, rowValues));
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections.size())) {
            List<Future<?>> workers = new ArrayList<>();
            for (Connection connection : connections) {
                workers.add(pool.submit(() -> {
                    try (PreparedStatement insert = connection.prepareStatement(sql)) {
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            for (int r = 0; r < rowsPerCall; r++) {
                                binder.bind(insert, 1 + r * columns, call * rowsPerCall + r);
                            }
                            insert.executeUpdate();
                            latencies[call] = System.nanoTime() - t0;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return new Pass(latencies, (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

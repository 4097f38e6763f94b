package dev.tessera.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Properties;

/**
 * The lineage traversal floor: the service's breadth-first traversal run on its PostgreSQL tables
 * instead of its in-memory index, doing the same work. Set semantics over nodes (a visited set: each
 * node is expanded once, whatever the number of paths or depths that reach it), one level at a time
 * (one query for the distinct targets of the frontier's edges, in chunks of a level's size), the same depth limit, node cap and time
 * budget as the service, read from its shipped configuration, and the same answer: the number of
 * nodes reached and, when cut, why ({@code NODE_CAP} or {@code TIME_BUDGET}).
 *
 * <p>A recursive CTE cannot do this: its working table only sees the previous level, so removing
 * duplicates by (node, depth) expands a node again at every depth that reaches it.
 */
final class SqlTraversal implements AutoCloseable {

    /**
     * Frontier nodes per query. Large enough that a level of the benchmark's graph (about 5,000
     * nodes) is one query, since every round trip waits for the client and a backend to be
     * scheduled again; small enough to bound how far one query runs past the node cap or the time
     * budget.
     */
    private static final int CHUNK = 8_192;

    /** Reason given when the node cap stopped a traversal (the service's word). */
    static final String NODE_CAP = "NODE_CAP";

    /** Reason given when the time budget stopped a traversal (the service's word). */
    static final String TIME_BUDGET = "TIME_BUDGET";

    /**
     * One traversal's answer.
     *
     * @param total nodes reached, the start excluded (the API's {@code total})
     * @param cut why it stopped early, or null when it ran to the requested depth
     */
    record Answer(int total, String cut) {}

    private final Connection db;
    private final PreparedStatement edges;
    private final int maxNodes;
    private final long budgetNanos;
    private final BitSet visited = new BitSet();

    /** On {@code db} (the service's database), with the service's node cap and time budget. */
    SqlTraversal(Connection db, int maxNodes, Duration budget) throws SQLException {
        this.db = db;
        this.maxNodes = maxNodes;
        this.budgetNanos = budget.toNanos();
        this.edges = db.prepareStatement(
                "SELECT DISTINCT e.to_id FROM lineage_edge e WHERE e.from_id = ANY(?) AND e.present");
    }

    /** The node cap and time budget the lineage service ships with, from its configuration. */
    static SqlTraversal withShippedBounds(Connection db, Path root) throws SQLException, IOException {
        Properties shipped = new Properties();
        try (InputStream in =
                Files.newInputStream(root.resolve("lineage-service/src/main/resources/application.properties"))) {
            shipped.load(in);
        }
        int maxNodes = Integer.parseInt(
                shipped.getProperty("tessera.lineage.max-nodes").trim());
        Duration budget =
                duration(shipped.getProperty("tessera.lineage.time-budget").trim());
        return new SqlTraversal(db, maxNodes, budget);
    }

    int maxNodes() {
        return maxNodes;
    }

    Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }

    /** Nodes downstream of {@code root} within {@code maxDepth} hops, as the service counts them. */
    Answer downstream(int root, int maxDepth) throws SQLException {
        long deadline = System.nanoTime() + budgetNanos;
        visited.clear();
        visited.set(root);
        int size = 1;
        int[] frontier = {root};
        int frontierSize = 1;
        String cut = null;
        for (int depth = 0; depth < maxDepth && frontierSize > 0 && cut == null; depth++) {
            int[] next = new int[Math.max(16, frontierSize * 4)];
            int nextSize = 0;
            for (int from = 0; from < frontierSize && cut == null; from += CHUNK) {
                if (System.nanoTime() > deadline) {
                    cut = TIME_BUDGET;
                    break;
                }
                Integer[] chunk = new Integer[Math.min(CHUNK, frontierSize - from)];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = frontier[from + i];
                }
                Array ids = db.createArrayOf("integer", chunk);
                edges.setArray(1, ids);
                try (ResultSet rows = edges.executeQuery()) {
                    while (rows.next()) {
                        int target = rows.getInt(1);
                        if (visited.get(target)) {
                            continue;
                        }
                        if (size >= maxNodes) {
                            cut = NODE_CAP;
                            break;
                        }
                        visited.set(target);
                        if (nextSize == next.length) {
                            next = Arrays.copyOf(next, next.length * 2);
                        }
                        next[nextSize++] = target;
                        size++;
                    }
                } finally {
                    ids.free();
                }
            }
            frontier = next;
            frontierSize = nextSize;
        }
        return new Answer(size - 1, cut);
    }

    /** A Quarkus duration as the properties file writes it: {@code 400ms}, {@code 2s} or ISO-8601. */
    private static Duration duration(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.parse(value);
    }

    @Override
    public void close() throws SQLException {
        edges.close();
    }
}

package dev.tessera.lineage.graph.service;

import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Rebuilds the in-memory index from PostgreSQL: the database is the truth. The index feed
 * ({@code IndexFeed}) calls it at start, after noting where tessera.lineage ends.
 */
@ApplicationScoped
public class GraphLoader {

    private static final Logger LOG = Logger.getLogger(GraphLoader.class);
    private static final int PAGE = 50_000;

    @Inject
    GraphIndex index;

    @Inject
    IndexReconciler reconciler;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Reloads every node and present edge, paging through the tables so memory stays flat. All pages
     * are read in one repeatable-read transaction, so the index is one moment's graph (no edge whose
     * node was created after the nodes were read), and no reconciliation runs meanwhile: whatever
     * commits after that moment is announced on tessera.lineage after it, and the feed reconciles it.
     */
    public void rebuild() {
        reconciler.exclusively(() -> {
            long started = System.nanoTime();
            index.clear();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    load(connection);
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the lineage graph: " + e.getMessage(), e);
            }
            LOG.infof(
                    "Lineage index rebuilt: %d nodes, %d edges in %d ms",
                    index.nodeCount(), index.edgeCount(), (System.nanoTime() - started) / 1_000_000);
        });
    }

    private void load(Connection connection) throws SQLException {
        long after = 0;
        int rows = PAGE;
        while (rows == PAGE) {
            rows = 0;
            try (PreparedStatement page = connection.prepareStatement(
                    "SELECT id, node_key, type, product_id, domain_id FROM lineage_node WHERE id > ? ORDER BY id LIMIT ?")) {
                page.setLong(1, after);
                page.setInt(2, PAGE);
                try (ResultSet r = page.executeQuery()) {
                    while (r.next()) {
                        int id = r.getInt(1);
                        index.putNode(
                                id, r.getString(2), NodeType.valueOf(r.getString(3)), r.getString(4), r.getString(5));
                        after = id;
                        rows++;
                    }
                }
            }
        }
        after = 0;
        rows = PAGE;
        while (rows == PAGE) {
            rows = 0;
            try (PreparedStatement page = connection.prepareStatement(
                    "SELECT id, from_id, to_id FROM lineage_edge WHERE present AND id > ? ORDER BY id LIMIT ?")) {
                page.setLong(1, after);
                page.setInt(2, PAGE);
                try (ResultSet r = page.executeQuery()) {
                    while (r.next()) {
                        index.addEdge(r.getInt(2), r.getInt(3));
                        after = r.getLong(1);
                        rows++;
                    }
                }
            }
        }
    }
}

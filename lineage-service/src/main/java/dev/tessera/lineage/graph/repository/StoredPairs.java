package dev.tessera.lineage.graph.repository;

import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.service.NodeRef;
import dev.tessera.platform.sql.Unnest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the tables say about some nodes and the edges between some node pairs, read in one round trip
 * on a connection of its own, outside any transaction of the caller's (it is called after a commit).
 * This is what the in-memory index reconciles with: the tables are the truth, so reading them makes
 * applying the same change twice, or in another order, harmless.
 */
@ApplicationScoped
public class StoredPairs {

    private static final String NODE_COLUMNS = "SELECT id, type, name, product_id, domain_id FROM lineage_node ";
    private static final String PRESENT_BETWEEN =
            "(SELECT count(*) FROM lineage_edge e WHERE e.from_id = p.f AND e.to_id = p.t AND e.present)";

    /** Node id pairs, {from, to}. */
    private static final Unnest<int[]> ID_PAIRS =
            Unnest.of(int[].class).int4("f", pair -> pair[0]).int4("t", pair -> pair[1]);

    /** Node key pairs, {from, to}. */
    private static final Unnest<String[]> KEY_PAIRS =
            Unnest.of(String[].class).text("fk", pair -> pair[0]).text("tk", pair -> pair[1]);

    @Inject
    AgroalDataSource dataSource;

    /** How many present edges lead from one node to another. */
    public record PairCount(int from, int to, int count) {}

    /** The stored state of some nodes and node pairs. */
    public record Snapshot(List<NodeRef> nodes, List<PairCount> pairs) {}

    /** The nodes of these ids and the present edges of these pairs of node ids. */
    public Snapshot byIds(Collection<Integer> nodeIds, Collection<int[]> pairs) throws SQLException {
        Integer[] ids = nodeIds.toArray(Integer[]::new);
        Unnest.Values pairRows = ID_PAIRS.values(pairs);
        Snapshot snapshot = new Snapshot(new ArrayList<>(), new ArrayList<>());
        SqlPipeline pipeline = new SqlPipeline()
                .query(NODE_COLUMNS + "WHERE id = ANY(?::int[])", p -> p.ints(ids), rows -> nodes(rows, snapshot))
                .query(
                        "SELECT p.f, p.t, " + PRESENT_BETWEEN + " FROM " + ID_PAIRS.as("p"),
                        p -> p.unnest(pairRows),
                        rows -> pairs(rows, snapshot));
        run(pipeline);
        return snapshot;
    }

    /**
     * The nodes of these keys and the present edges between these pairs of node keys ({from, to});
     * a key no node has is left out.
     */
    public Snapshot byKeys(Collection<String> nodeKeys, Collection<String[]> pairs) throws SQLException {
        String[] keys = nodeKeys.toArray(String[]::new);
        Unnest.Values pairRows = KEY_PAIRS.values(pairs);
        Snapshot snapshot = new Snapshot(new ArrayList<>(), new ArrayList<>());
        SqlPipeline pipeline = new SqlPipeline()
                .query(
                        NODE_COLUMNS + "WHERE node_key = ANY(?::text[])",
                        p -> p.texts(keys),
                        rows -> nodes(rows, snapshot))
                .query(
                        "SELECT p.f, p.t, " + PRESENT_BETWEEN + " FROM (SELECT f.id AS f, t.id AS t "
                                + "FROM " + KEY_PAIRS.as("k")
                                + " JOIN lineage_node f ON f.node_key = k.fk JOIN lineage_node t ON t.node_key = k.tk) p",
                        p -> p.unnest(pairRows),
                        rows -> pairs(rows, snapshot));
        run(pipeline);
        return snapshot;
    }

    private void run(SqlPipeline pipeline) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            pipeline.run(connection);
        }
    }

    private static void nodes(ResultSet rows, Snapshot snapshot) throws SQLException {
        while (rows.next()) {
            snapshot.nodes()
                    .add(new NodeRef(
                            rows.getInt(1),
                            NodeType.valueOf(rows.getString(2)),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5)));
        }
    }

    private static void pairs(ResultSet rows, Snapshot snapshot) throws SQLException {
        while (rows.next()) {
            snapshot.pairs().add(new PairCount(rows.getInt(1), rows.getInt(2), rows.getInt(3)));
        }
    }
}

package dev.tessera.lineage.graph.repository;

import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.service.NodeRef;
import dev.tessera.platform.sql.Unnest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * Nodes and dataset aliases. Creation goes through {@code INSERT ... ON CONFLICT} so concurrent
 * ingests that see the same dataset for the first time agree on one node instead of failing.
 */
@ApplicationScoped
public class NodeRepository implements PanacheRepositoryBase<NodeEntity, Integer> {

    /** The id of the node with this key, creating it when missing; {@code created} tells which. */
    public Upserted upsert(NodeType type, String name, String productId, String domainId) {
        String key = type.key(name);
        List<?> inserted = getEntityManager()
                .createNativeQuery("INSERT INTO lineage_node (node_key, type, name, product_id, domain_id) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (node_key) DO NOTHING RETURNING id")
                .setParameter(1, key)
                .setParameter(2, type.name())
                .setParameter(3, name)
                .setParameter(4, productId)
                .setParameter(5, domainId)
                .getResultList();
        if (!inserted.isEmpty()) {
            return new Upserted(((Number) inserted.getFirst()).intValue(), key, true);
        }
        return new Upserted(idOf(key).orElseThrow(), key, false);
    }

    public Optional<Integer> idOf(String key) {
        List<?> ids = getEntityManager()
                .createNativeQuery("SELECT id FROM lineage_node WHERE node_key = ?1")
                .setParameter(1, key)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(((Number) ids.getFirst()).intValue());
    }

    /** A node's identity and ownership as plain values (nothing for the session to track). */
    public NodeRef ref(int id) {
        Object[] row = (Object[]) getEntityManager()
                .createNativeQuery("SELECT type, name, product_id, domain_id FROM lineage_node WHERE id = ?1")
                .setParameter(1, id)
                .getSingleResult();
        return new NodeRef(id, NodeType.valueOf((String) row[0]), (String) row[1], (String) row[2], (String) row[3]);
    }

    /** Sets the owning product and domain; true when anything changed. */
    public boolean assignOwner(int id, String productId, String domainId) {
        return getEntityManager()
                        .createNativeQuery("UPDATE lineage_node SET product_id = ?2, domain_id = ?3 WHERE id = ?1 "
                                + "AND (product_id IS DISTINCT FROM ?2 OR domain_id IS DISTINCT FROM ?3)")
                        .setParameter(1, id)
                        .setParameter(2, productId)
                        .setParameter(3, domainId)
                        .executeUpdate()
                > 0;
    }

    /** The node ids some of these alias keys already point to, in the order the keys were given. */
    public List<Integer> nodesOfAliases(List<String> aliasKeys) {
        List<Integer> found = new ArrayList<>();
        for (String alias : aliasKeys) {
            List<?> ids = getEntityManager()
                    .createNativeQuery("SELECT node_id FROM dataset_alias WHERE alias_key = ?1")
                    .setParameter(1, alias)
                    .getResultList();
            if (!ids.isEmpty()) {
                found.add(((Number) ids.getFirst()).intValue());
            }
        }
        return found;
    }

    /**
     * Node keys near a key that names nothing, for a 404 to suggest: keys of its type, and dataset
     * names (symlinks included, as {@code DATASET:} keys), that start with {@code scope} or contain
     * {@code fragment} (case-insensitively), at most {@code limit} of each. Either may be empty to
     * leave its condition out. Only a miss pays for this.
     */
    public List<String> keysLike(NodeType type, String scope, String fragment, int limit) {
        List<String> patterns = new ArrayList<>();
        if (!scope.isEmpty()) {
            patterns.add(likeEscaped(scope) + "%");
        }
        if (!fragment.isEmpty()) {
            patterns.add("%" + likeEscaped(fragment.toLowerCase(Locale.ROOT)) + "%");
        }
        if (patterns.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        var nodes = getEntityManager()
                .createNativeQuery("SELECT node_key FROM lineage_node WHERE type = ?1 AND (" + like("name", 2, patterns)
                        + ") LIMIT ?" + (patterns.size() + 2))
                .setParameter(1, type.name())
                .setParameter(patterns.size() + 2, limit);
        for (int i = 0; i < patterns.size(); i++) {
            nodes.setParameter(i + 2, patterns.get(i));
        }
        nodes.getResultList().forEach(key -> keys.add((String) key));
        if (type == NodeType.DATASET) {
            var aliases = getEntityManager()
                    .createNativeQuery("SELECT alias_key FROM dataset_alias WHERE " + like("alias_key", 1, patterns)
                            + " LIMIT ?" + (patterns.size() + 1))
                    .setParameter(patterns.size() + 1, limit);
            for (int i = 0; i < patterns.size(); i++) {
                aliases.setParameter(i + 1, patterns.get(i));
            }
            aliases.getResultList().forEach(alias -> keys.add(type.key((String) alias)));
        }
        return keys;
    }

    /** {@code column LIKE ?n OR lower(column) LIKE ?n+1}: a scope matches as spelled, a fragment in any case. */
    private static String like(String column, int firstParameter, List<String> patterns) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            boolean fragment = patterns.get(i).startsWith("%");
            conditions.add((fragment ? "lower(" + column + ")" : column) + " LIKE ?" + (firstParameter + i));
        }
        return String.join(" OR ", conditions);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Points aliases that point nowhere yet at a node; aliases already taken keep their node. */
    public void addAliases(Collection<String> aliasKeys, int nodeId) {
        for (String alias : aliasKeys) {
            getEntityManager()
                    .createNativeQuery("INSERT INTO dataset_alias (alias_key, node_id) VALUES (?1, ?2) "
                            + "ON CONFLICT (alias_key) DO NOTHING")
                    .setParameter(1, alias)
                    .setParameter(2, nodeId)
                    .executeUpdate();
        }
    }

    /**
     * Creates every node of the list that does not exist yet, in one statement; the ids of the nodes
     * created now, by key. Keys are inserted in sorted order, so concurrent ingests that share nodes
     * take their locks in the same order and cannot deadlock.
     */
    public Map<String, Integer> insertMissing(Collection<NodeRef> nodes) {
        TreeMap<String, NodeRef> sorted = new TreeMap<>();
        nodes.forEach(n -> sorted.putIfAbsent(n.key(), n));
        Unnest.Values rows = NODES.values(sorted.values());
        return work(connection -> {
            Map<String, Integer> created = new HashMap<>();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO lineage_node (node_key, type, name, product_id, domain_id) SELECT * FROM "
                            + NODES.call() + " ON CONFLICT (node_key) DO NOTHING RETURNING id, node_key")) {
                rows.bind(connection, insert, 1);
                try (ResultSet result = insert.executeQuery()) {
                    while (result.next()) {
                        created.put(result.getString(2), result.getInt(1));
                    }
                }
            }
            return created;
        });
    }

    private static final Unnest<NodeRef> NODES = Unnest.of(NodeRef.class)
            .text("node_key", NodeRef::key)
            .text("type", n -> n.type().name())
            .text("name", NodeRef::name)
            .text("product_id", NodeRef::productId)
            .text("domain_id", NodeRef::domainId);

    /** The stored nodes of these keys, with their ownership, by key. */
    public Map<String, NodeRef> findByKeys(Collection<String> keys) {
        return work(connection -> {
            Map<String, NodeRef> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, type, name, product_id, domain_id FROM lineage_node WHERE node_key = ANY(?)")) {
                select.setArray(1, connection.createArrayOf("text", keys.toArray(String[]::new)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        NodeRef ref = new NodeRef(
                                rows.getInt(1),
                                NodeType.valueOf(rows.getString(2)),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5));
                        found.put(ref.key(), ref);
                    }
                }
            }
            return found;
        });
    }

    /** For each of these alias keys already taken, the name of the dataset node it leads to. */
    public Map<String, AliasTarget> datasetsOfAliases(Collection<String> aliasKeys) {
        SqlPipeline pipeline = new SqlPipeline();
        Map<String, AliasTarget> found = datasetsOfAliases(pipeline, aliasKeys);
        pipeline.run(getEntityManager());
        return found;
    }

    /**
     * The dataset (node name) a name leads to, with the domain that serves it and the domain's
     * recorded owner group, both null when no product's port serves it.
     */
    public record AliasTarget(String dataset, String domainId, String ownerGroup) {}

    /** {@link #datasetsOfAliases(Collection)} as a step of a pipeline: the map is filled when it runs. */
    public Map<String, AliasTarget> datasetsOfAliases(SqlPipeline pipeline, Collection<String> aliasKeys) {
        Map<String, AliasTarget> found = new HashMap<>();
        if (aliasKeys.isEmpty()) {
            return found;
        }
        String[] keys = aliasKeys.toArray(String[]::new);
        // The node's name through a subquery per alias found, not a join: the primary key is used
        // whatever the statistics say. As a join, on tables that had grown since they were last
        // analysed, the planner hashed the whole node table (a sequential scan of every node in
        // every ingest transaction) to find a handful of names. The subquery is lateral, to read the
        // node's domain in the same lookup, and fenced with OFFSET 0 so it is not pulled up into such
        // a join. The domain's owner group rides along: whether the sender may give a dataset new
        // names depends on it, and reading it here costs no round trip of its own.
        pipeline.query(
                "SELECT a.alias_key, n.name, n.domain_id, "
                        + "(SELECT d.owner_group FROM domain d WHERE d.domain_id = n.domain_id) "
                        + "FROM dataset_alias a CROSS JOIN LATERAL "
                        + "(SELECT name, domain_id FROM lineage_node WHERE id = a.node_id OFFSET 0) n "
                        + "WHERE a.alias_key = ANY(?::text[])",
                parameters -> parameters.texts(keys),
                rows -> {
                    while (rows.next()) {
                        found.put(
                                rows.getString(1),
                                new AliasTarget(rows.getString(2), rows.getString(3), rows.getString(4)));
                    }
                });
        return found;
    }

    /** Points each alias that points nowhere yet at its node, in one statement; taken aliases keep theirs. */
    public void addAliases(Map<String, Integer> nodeByAlias) {
        SqlPipeline pipeline = new SqlPipeline();
        addAliases(pipeline, nodeByAlias);
        pipeline.run(getEntityManager());
    }

    /** {@link #addAliases(Map)} as a step of a pipeline. */
    public void addAliases(SqlPipeline pipeline, Map<String, Integer> nodeByAlias) {
        if (nodeByAlias.isEmpty()) {
            return;
        }
        List<Alias> sorted = new TreeMap<>(nodeByAlias)
                .entrySet().stream()
                        .map(e -> new Alias(e.getKey(), e.getValue()))
                        .toList();
        Unnest.Values rows = ALIASES.values(sorted);
        pipeline.update(
                "INSERT INTO dataset_alias (alias_key, node_id) SELECT * FROM " + ALIASES.call()
                        + " ON CONFLICT (alias_key) DO NOTHING",
                parameters -> parameters.unnest(rows));
    }

    /** A name of a dataset and the node it leads to. */
    private record Alias(String aliasKey, int nodeId) {}

    private static final Unnest<Alias> ALIASES =
            Unnest.of(Alias.class).text("alias_key", Alias::aliasKey).int4("node_id", Alias::nodeId);

    private <T> T work(SqlWork<T> work) {
        return getEntityManager().unwrap(Session.class).doReturningWork(work::run);
    }

    /** JDBC work on the transaction's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Every node in id order, for rebuilding the in-memory index. */
    public List<NodeEntity> allInIdOrder() {
        return find("order by id").list();
    }

    /** A node id with the key it got and whether this call created it. */
    public record Upserted(int id, String key, boolean created) {}
}

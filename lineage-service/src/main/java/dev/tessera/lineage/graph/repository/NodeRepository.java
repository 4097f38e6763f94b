package dev.tessera.lineage.graph.repository;

import dev.tessera.lineage.graph.NodeType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
    public dev.tessera.lineage.graph.service.NodeRef ref(int id) {
        Object[] row = (Object[]) getEntityManager()
                .createNativeQuery("SELECT type, name, product_id, domain_id FROM lineage_node WHERE id = ?1")
                .setParameter(1, id)
                .getSingleResult();
        return new dev.tessera.lineage.graph.service.NodeRef(
                id, NodeType.valueOf((String) row[0]), (String) row[1], (String) row[2], (String) row[3]);
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
        List<Integer> found = new java.util.ArrayList<>();
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

    /** Every node in id order, for rebuilding the in-memory index. */
    public List<NodeEntity> allInIdOrder() {
        return find("order by id").list();
    }

    /** A node id with the key it got and whether this call created it. */
    public record Upserted(int id, String key, boolean created) {}
}

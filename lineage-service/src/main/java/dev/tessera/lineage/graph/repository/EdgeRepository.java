package dev.tessera.lineage.graph.repository;

import dev.tessera.lineage.graph.EdgeKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Edges. Appearing and disappearing are single conditional statements, so a repeated or concurrent
 * event changes nothing and reports nothing: only a real change yields a sequence to publish.
 */
@ApplicationScoped
public class EdgeRepository implements PanacheRepositoryBase<EdgeEntity, Long> {

    /** Makes the edge present; the new sequence when it was absent or unknown, empty when it was there. */
    public Optional<Long> ensurePresent(String edgeKey, int from, int to, EdgeKind kind, String detail, String origin) {
        List<?> rows = getEntityManager()
                .createNativeQuery(
                        "INSERT INTO lineage_edge (edge_key, from_id, to_id, kind, detail, origin, present, sequence) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, true, 1) ON CONFLICT (edge_key) DO UPDATE "
                                + "SET present = true, sequence = lineage_edge.sequence + 1, updated_at = now() "
                                + "WHERE NOT lineage_edge.present RETURNING sequence")
                .setParameter(1, edgeKey)
                .setParameter(2, from)
                .setParameter(3, to)
                .setParameter(4, kind.name())
                .setParameter(5, detail)
                .setParameter(6, origin)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.getFirst()).longValue());
    }

    /** Marks a present edge absent; the removed edge with its new sequence, empty when it was not present. */
    public Optional<EdgeEntity> markAbsent(String edgeKey) {
        EdgeEntity edge = find("edgeKey = ?1 and present = true", edgeKey).firstResult();
        if (edge == null) {
            return Optional.empty();
        }
        edge.present = false;
        edge.sequence++;
        edge.updatedAt = java.time.Instant.now();
        return Optional.of(edge);
    }

    /** Present edges derived from one origin (a product, an access request) of the given kinds. */
    public List<EdgeEntity> presentFromOrigin(String origin, List<String> kinds) {
        return find("origin = ?1 and present = true and kind in ?2", origin, kinds)
                .list();
    }

    /** Present edges of a kind leaving a node. */
    public List<EdgeEntity> presentFrom(int fromId, EdgeKind kind) {
        return find("fromId = ?1 and present = true and kind = ?2", fromId, kind.name())
                .list();
    }
}

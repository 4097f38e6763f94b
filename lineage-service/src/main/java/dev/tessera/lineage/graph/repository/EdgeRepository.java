package dev.tessera.lineage.graph.repository;

import dev.tessera.lineage.graph.EdgeKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.Session;

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

    /** An edge to make present: its key, ends, kind, transformation and origin. */
    public record NewEdge(String edgeKey, int from, int to, EdgeKind kind, String detail, String origin) {}

    /**
     * Makes every edge of the list present in one statement; the new sequence of each edge that
     * appeared now, by key (edges that were present already are not in the answer). Keys go in
     * sorted order so concurrent ingests lock shared edges in the same order.
     */
    public Map<String, Long> ensurePresent(List<NewEdge> edges) {
        TreeMap<String, NewEdge> sorted = new TreeMap<>();
        edges.forEach(e -> sorted.putIfAbsent(e.edgeKey(), e));
        int n = sorted.size();
        String[] keys = new String[n];
        Integer[] froms = new Integer[n];
        Integer[] tos = new Integer[n];
        String[] kinds = new String[n];
        String[] details = new String[n];
        String[] origins = new String[n];
        int i = 0;
        for (NewEdge edge : sorted.values()) {
            keys[i] = edge.edgeKey();
            froms[i] = edge.from();
            tos[i] = edge.to();
            kinds[i] = edge.kind().name();
            details[i] = edge.detail();
            origins[i] = edge.origin();
            i++;
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Map<String, Long> appeared = new HashMap<>();
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO lineage_edge (edge_key, from_id, to_id, kind, detail, origin, present, sequence) "
                            + "SELECT k, f, t, kd, d, o, true, 1 "
                            + "FROM unnest(?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[]) "
                            + "AS u(k, f, t, kd, d, o) "
                            + "ON CONFLICT (edge_key) DO UPDATE "
                            + "SET present = true, sequence = lineage_edge.sequence + 1, updated_at = now() "
                            + "WHERE NOT lineage_edge.present RETURNING edge_key, sequence")) {
                upsert.setArray(1, connection.createArrayOf("text", keys));
                upsert.setArray(2, connection.createArrayOf("int4", froms));
                upsert.setArray(3, connection.createArrayOf("int4", tos));
                upsert.setArray(4, connection.createArrayOf("text", kinds));
                upsert.setArray(5, connection.createArrayOf("text", details));
                upsert.setArray(6, connection.createArrayOf("text", origins));
                try (ResultSet rows = upsert.executeQuery()) {
                    while (rows.next()) {
                        appeared.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return appeared;
        });
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

package dev.tessera.lineage.graph.repository;

import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.platform.sql.Unnest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
     * The tessera.lineage event to queue in the outbox if an edge appears: where it goes, which
     * aggregate it is about, its payload (whose {@code sequence} is set to the edge's new sequence)
     * and the trace it continues.
     */
    public record Announcement(
            String topic, String eventType, String aggregateId, String payload, String traceparent) {}

    /**
     * As a step of a pipeline, makes every edge of the list present and queues, in the same
     * statement, the announcement of each edge that appeared now (by edge key; edges without one
     * are announced nowhere). Answers the new sequence of each edge that appeared, by key (edges
     * that were present already are not in the answer), once the pipeline ran. Keys go in sorted
     * order so concurrent writers lock shared edges in the same order; announcements are queued in
     * the order of the list.
     */
    public Map<String, Long> ensurePresent(
            SqlPipeline pipeline, List<NewEdge> edges, Map<String, Announcement> announcements) {
        Map<String, Long> appeared = new HashMap<>();
        if (edges.isEmpty()) {
            return appeared;
        }
        TreeMap<String, NewEdge> sorted = new TreeMap<>();
        edges.forEach(e -> sorted.putIfAbsent(e.edgeKey(), e));
        Map<String, KeyedAnnouncement> announced = new LinkedHashMap<>();
        for (NewEdge edge : edges) {
            Announcement announcement = announcements.get(edge.edgeKey());
            if (announcement != null) {
                announced.putIfAbsent(edge.edgeKey(), new KeyedAnnouncement(edge.edgeKey(), announcement));
            }
        }
        Unnest.Values edgeRows = EDGES.values(sorted.values());
        Unnest.Values announcementRows = ANNOUNCEMENTS.values(announced.values());
        pipeline.query(
                ENSURE_PRESENT_ANNOUNCING,
                parameters -> parameters.unnest(edgeRows).unnest(announcementRows),
                rows -> {
                    while (rows.next()) {
                        appeared.put(rows.getString(1), rows.getLong(2));
                    }
                });
        return appeared;
    }

    private static final Unnest<NewEdge> EDGES = Unnest.of(NewEdge.class)
            .text("k", NewEdge::edgeKey)
            .int4("f", NewEdge::from)
            .int4("t", NewEdge::to)
            .text("kd", e -> e.kind().name())
            .text("d", NewEdge::detail)
            .text("o", NewEdge::origin);

    /** An announcement with the key of the edge whose appearance it announces. */
    private record KeyedAnnouncement(String edgeKey, Announcement announcement) {}

    private static final Unnest<KeyedAnnouncement> ANNOUNCEMENTS = Unnest.of(KeyedAnnouncement.class)
            .text("k", KeyedAnnouncement::edgeKey)
            .text("topic", a -> a.announcement().topic())
            .text("et", a -> a.announcement().eventType())
            .text("agg", a -> a.announcement().aggregateId())
            .text("p", a -> a.announcement().payload())
            .text("tp", a -> a.announcement().traceparent());

    /** Makes the edges present and queues the announcements of those that appeared; answers those. */
    private static final String ENSURE_PRESENT_ANNOUNCING = "WITH u AS (SELECT * FROM "
            + EDGES.withOrdinality("u", "pos") + "), "
            + "appeared AS (INSERT INTO lineage_edge (edge_key, from_id, to_id, kind, detail, origin, "
            + "present, sequence) SELECT k, f, t, kd, d, o, true, 1 FROM u ORDER BY pos "
            + "ON CONFLICT (edge_key) DO UPDATE "
            + "SET present = true, sequence = lineage_edge.sequence + 1, updated_at = now() "
            + "WHERE NOT lineage_edge.present RETURNING edge_key, sequence), "
            + "a AS (SELECT * FROM " + ANNOUNCEMENTS.withOrdinality("a", "pos") + "), "
            + "queued AS (INSERT INTO outbox_event (event_id, topic, event_type, aggregate_id, sequence, "
            + "payload, traceparent, created_at) "
            + "SELECT gen_random_uuid(), a.topic, a.et, a.agg, e.sequence, "
            + "jsonb_set(a.p::jsonb, '{sequence}', to_jsonb(e.sequence)), a.tp, now() "
            + "FROM appeared e JOIN a ON a.k = e.edge_key ORDER BY a.pos) "
            + "SELECT edge_key, sequence FROM appeared";

    /**
     * A port a dataset serves: the dataset's node name, the port's node name
     * ({@code productId/portName}), and the product and domain owning the port.
     */
    public record ServedPort(String dataset, String port, String productId, String domainId) {

        /** The port's name within its product. */
        public String portName() {
            return port.startsWith(productId + "/") ? port.substring(productId.length() + 1) : port;
        }
    }

    /**
     * The ports served by the datasets some names lead to. Every step goes through a key: the alias's
     * primary key, the partial index of present PORT_DATASET edges by target
     * (lineage_edge_port_dataset_by_target_idx), the node's primary key. Fenced lateral subqueries, as
     * in the alias lookup, so the planner cannot turn them into a scan of a whole table.
     */
    static final String PORTS_SERVED_BY = "SELECT d.name, p.name, p.product_id, p.domain_id "
            + "FROM (SELECT DISTINCT node_id FROM dataset_alias WHERE alias_key = ANY(?::text[])) a "
            + "CROSS JOIN LATERAL (SELECT from_id FROM lineage_edge e WHERE e.to_id = a.node_id "
            + "AND e.present AND e.kind = 'PORT_DATASET' OFFSET 0) e "
            + "CROSS JOIN LATERAL (SELECT name FROM lineage_node WHERE id = a.node_id OFFSET 0) d "
            + "CROSS JOIN LATERAL (SELECT name, product_id, domain_id FROM lineage_node "
            + "WHERE id = e.from_id OFFSET 0) p "
            + "WHERE p.product_id IS NOT NULL";

    /**
     * As a step of a pipeline, the ports served by the datasets these names lead to (through their
     * aliases, so a symlink finds its dataset's ports): one row per present PORT_DATASET edge, listed
     * once the pipeline ran. A name that leads nowhere, or to a dataset no port maps to, adds nothing.
     */
    public List<ServedPort> portsServedBy(SqlPipeline pipeline, Collection<String> datasetNames) {
        List<ServedPort> found = new ArrayList<>();
        if (datasetNames.isEmpty()) {
            return found;
        }
        String[] names = datasetNames.toArray(String[]::new);
        pipeline.query(PORTS_SERVED_BY, parameters -> parameters.texts(names), rows -> {
            while (rows.next()) {
                found.add(new ServedPort(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        });
        return found;
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

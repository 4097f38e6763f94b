package dev.tessera.lineage.graph.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.EdgeEntity;
import dev.tessera.lineage.graph.repository.EdgeRepository;
import dev.tessera.lineage.graph.repository.NodeRepository;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way the graph changes. Inside the caller's transaction it writes nodes and edges, and for
 * every edge that appears or disappears an outbox event; the in-memory index learns the changes
 * only after the commit, so a traversal never sees a change that rolled back, and then by
 * reconciling the pairs the transaction touched with the tables ({@link IndexReconciler}), as it
 * does for the changes other replicas announce, so the two ways of learning a change cannot add an
 * edge twice.
 */
@ApplicationScoped
public class GraphWriter {

    private static final Object PENDING = new Object();

    @Inject
    NodeRepository nodes;

    @Inject
    EdgeRepository edges;

    @Inject
    Outbox outbox;

    @Inject
    GraphIndex index;

    @Inject
    IndexReconciler reconciler;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ObjectMapper mapper;

    @Inject
    Event<Outbox.OutboxWritten> outboxWritten;

    /** The node of this type and name, created when missing; ownership is set when given and different. */
    @Transactional(Transactional.TxType.MANDATORY)
    public NodeRef node(NodeType type, String name, String productId, String domainId) {
        NodeRepository.Upserted upserted = nodes.upsert(type, name, productId, domainId);
        if (upserted.created()) {
            pending().nodes.add(new NodeRef(upserted.id(), type, name, productId, domainId));
            return new NodeRef(upserted.id(), type, name, productId, domainId);
        }
        if (productId != null && nodes.assignOwner(upserted.id(), productId, domainId)) {
            pending().nodes.add(new NodeRef(upserted.id(), type, name, productId, domainId));
            return new NodeRef(upserted.id(), type, name, productId, domainId);
        }
        return ref(upserted.id());
    }

    /**
     * The nodes of these wanted nodes (their ids in the given refs are ignored), created when
     * missing, in at most a few statements whatever their number: nodes the in-memory index knows
     * need no statement at all (nodes are never deleted, so a known key is a stored node), the rest
     * are created together and the ones another transaction created are read together. A wanted
     * node with an owning product sets that owner as {@link #node} does. Answers by node key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, NodeRef> nodes(Collection<NodeRef> wanted) {
        Map<String, NodeRef> byKey = new LinkedHashMap<>();
        for (NodeRef node : wanted) {
            byKey.merge(node.key(), node, (first, later) -> first.productId() == null ? later : first);
        }
        Map<String, NodeRef> result = new HashMap<>();
        List<NodeRef> missing = new ArrayList<>();
        List<NodeRef> owned = new ArrayList<>();
        for (NodeRef node : byKey.values()) {
            int id = index.idOf(node.key());
            if (id < 0) {
                missing.add(node);
                continue;
            }
            NodeRef known = new NodeRef(id, node.type(), node.name(), index.productOf(id), index.domainOf(id));
            result.put(node.key(), known);
            if (node.productId() != null) {
                owned.add(node);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Integer> created = nodes.insertMissing(missing);
            List<String> existing = new ArrayList<>();
            for (NodeRef node : missing) {
                Integer id = created.get(node.key());
                if (id == null) {
                    existing.add(node.key());
                    continue;
                }
                NodeRef ref = new NodeRef(id, node.type(), node.name(), node.productId(), node.domainId());
                pending().nodes.add(ref);
                result.put(node.key(), ref);
            }
            if (!existing.isEmpty()) {
                // Stored by a transaction this index has not heard of yet (another replica, or one
                // committing right now): read them, and let the index know them after this commit.
                for (NodeRef stored : nodes.findByKeys(existing).values()) {
                    pending().nodes.add(stored);
                    result.put(stored.key(), stored);
                    if (byKey.get(stored.key()).productId() != null) {
                        owned.add(byKey.get(stored.key()));
                    }
                }
            }
        }
        for (NodeRef node : owned) {
            NodeRef current = result.get(node.key());
            if (Objects.equals(current.productId(), node.productId())
                    && Objects.equals(current.domainId(), node.domainId())) {
                continue;
            }
            NodeRef changed = new NodeRef(current.id(), node.type(), node.name(), node.productId(), node.domainId());
            if (nodes.assignOwner(current.id(), node.productId(), node.domainId())) {
                pending().nodes.add(changed);
            }
            result.put(node.key(), changed);
        }
        return result;
    }

    /** An edge to make present, between nodes {@link #nodes} returned. */
    public record NewEdge(String edgeKey, NodeRef from, NodeRef to, EdgeKind kind, String detail, String origin) {}

    /**
     * Makes every edge of the list present and queues, in the same statement, a tessera.lineage
     * event for each published edge that appeared now, in the current trace; how many appeared.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int addEdges(List<NewEdge> wanted) {
        SqlPipeline pipeline = new SqlPipeline();
        String traceparent = Traces.currentTraceparent();
        Map<String, Long> appeared = addEdges(pipeline, wanted, edge -> traceparent);
        pipeline.run(nodes.getEntityManager());
        return appeared.size();
    }

    /**
     * {@link #addEdges(List)} as a step of a pipeline, each edge's event in the trace {@code traceOf}
     * names (the call that asked for it, when one transaction writes the calls of several callers).
     * The sequences of the edges that appeared, by edge key, once the pipeline ran; the index learns
     * them after the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> addEdges(SqlPipeline pipeline, List<NewEdge> wanted, Function<NewEdge, String> traceOf) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, NewEdge> byKey = new LinkedHashMap<>();
        wanted.forEach(edge -> byKey.putIfAbsent(edge.edgeKey(), edge));
        Map<String, EdgeRepository.Announcement> announcements = new HashMap<>();
        Instant now = Instant.now();
        for (NewEdge edge : byKey.values()) {
            String id = edgeId(edge.edgeKey());
            // The sequence is the edge's new one, set by the statement that makes it appear.
            LineageEdgeV1 payload = new LineageEdgeV1(
                    id,
                    0,
                    edge.from().toEvent(),
                    edge.to().toEvent(),
                    edge.kind().name(),
                    true,
                    now);
            announcements.put(
                    edge.edgeKey(),
                    new EdgeRepository.Announcement(
                            EventType.LINEAGE_EDGE_ADDED.topic(),
                            EventType.LINEAGE_EDGE_ADDED.type(),
                            id,
                            json(payload),
                            traceOf.apply(edge)));
        }
        Map<String, Long> appeared = edges.ensurePresent(
                pipeline,
                byKey.values().stream()
                        .map(e -> new EdgeRepository.NewEdge(
                                e.edgeKey(), e.from().id(), e.to().id(), e.kind(), e.detail(), e.origin()))
                        .toList(),
                announcements);
        pipeline.afterRun(() -> {
            if (appeared.isEmpty()) {
                return;
            }
            for (NewEdge edge : byKey.values()) {
                if (appeared.containsKey(edge.edgeKey())) {
                    pending().pairs.add(new int[] {edge.from().id(), edge.to().id()});
                }
            }
            // As Outbox does: wakes the relay once this transaction commits.
            outboxWritten.fire(new Outbox.OutboxWritten());
        });
        return appeared;
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable", e);
        }
    }

    /**
     * The stored node with this id. Read as plain columns, not as a managed entity: a batch touches
     * thousands of nodes, and every managed entity would be dirty-checked before each later statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public NodeRef ref(int id) {
        return nodes.ref(id);
    }

    /** Makes an edge present; true when it appeared now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean addEdge(String edgeKey, NodeRef from, NodeRef to, EdgeKind kind, String detail, String origin) {
        Optional<Long> sequence = edges.ensurePresent(edgeKey, from.id(), to.id(), kind, detail, origin);
        if (sequence.isEmpty()) {
            return false;
        }
        pending().pairs.add(new int[] {from.id(), to.id()});
        publish(EventType.LINEAGE_EDGE_ADDED, edgeKey, sequence.get(), from, to, kind, true);
        return true;
    }

    /** Makes an edge absent; true when it disappeared now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean removeEdge(String edgeKey) {
        Optional<EdgeEntity> removed = edges.markAbsent(edgeKey);
        if (removed.isEmpty()) {
            return false;
        }
        EdgeEntity edge = removed.get();
        pending().pairs.add(new int[] {edge.fromId, edge.toId});
        publish(
                EventType.LINEAGE_EDGE_REMOVED,
                edgeKey,
                edge.sequence,
                ref(edge.fromId),
                ref(edge.toId),
                EdgeKind.valueOf(edge.kind),
                false);
        return true;
    }

    /** A stable public id for an edge key: the key itself can be long and carries internal structure. */
    public static String edgeId(String edgeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(edgeKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(
            EventType type, String edgeKey, long sequence, NodeRef from, NodeRef to, EdgeKind kind, boolean present) {
        String id = edgeId(edgeKey);
        outbox.enqueue(
                type,
                id,
                sequence,
                new LineageEdgeV1(id, sequence, from.toEvent(), to.toEvent(), kind.name(), present, Instant.now()));
    }

    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(PENDING);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(PENDING, pending);
            Pending registered = pending;
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        reconciler.committed(registered.nodes, registered.pairs);
                    }
                }
            });
        }
        return pending;
    }

    /**
     * What one transaction changed, for the index to reconcile once it commits: the nodes it created
     * or gave an owner, and the node pairs between which an edge appeared or disappeared.
     */
    private static final class Pending {
        final List<NodeRef> nodes = new ArrayList<>();
        final List<int[]> pairs = new ArrayList<>();
    }
}

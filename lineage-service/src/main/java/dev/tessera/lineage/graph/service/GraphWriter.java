package dev.tessera.lineage.graph.service;

import dev.tessera.events.EventType;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.EdgeEntity;
import dev.tessera.lineage.graph.repository.EdgeRepository;
import dev.tessera.lineage.graph.repository.NodeRepository;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The one way the graph changes. Inside the caller's transaction it writes nodes and edges, and for
 * every edge that appears or disappears an outbox event; the in-memory index learns the changes
 * only after the commit, so a traversal never sees a change that rolled back.
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
    TransactionSynchronizationRegistry transactions;

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
        pending().added.add(new int[] {from.id(), to.id()});
        if (kind.published()) {
            publish(EventType.LINEAGE_EDGE_ADDED, edgeKey, sequence.get(), from, to, kind, true);
        }
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
        pending().removed.add(new int[] {edge.fromId, edge.toId});
        EdgeKind kind = EdgeKind.valueOf(edge.kind);
        if (kind.published()) {
            publish(
                    EventType.LINEAGE_EDGE_REMOVED,
                    edgeKey,
                    edge.sequence,
                    ref(edge.fromId),
                    ref(edge.toId),
                    kind,
                    false);
        }
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
                        registered.applyTo(index);
                    }
                }
            });
        }
        return pending;
    }

    /** Index changes of one transaction, applied in order after it commits. */
    private static final class Pending {
        final List<NodeRef> nodes = new ArrayList<>();
        final List<int[]> added = new ArrayList<>();
        final List<int[]> removed = new ArrayList<>();

        void applyTo(GraphIndex index) {
            for (NodeRef node : nodes) {
                index.putNode(node.id(), node.key(), node.type(), node.domainId());
            }
            for (int[] edge : added) {
                index.addEdge(edge[0], edge[1]);
            }
            for (int[] edge : removed) {
                index.removeEdge(edge[0], edge[1]);
            }
        }
    }
}

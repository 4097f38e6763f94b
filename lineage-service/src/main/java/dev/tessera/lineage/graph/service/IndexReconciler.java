package dev.tessera.lineage.graph.service;

import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.StoredPairs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * How the in-memory index learns a change, whoever made it. A change names node pairs; the
 * reconciler reads, for those pairs, how many present edges the tables hold and what they say about
 * the two nodes, and sets the index to that. A replica hears of each change twice (its own commit,
 * then the change's tessera.lineage event) and after a restart again hears of changes its rebuild
 * already read; all of that, and duplicated or reordered events, leaves the same index.
 *
 * <p>Each reconciliation reads and applies under one lock, so a later reading is never overwritten
 * by an earlier one; the rebuild holds the same lock.
 */
@ApplicationScoped
public class IndexReconciler {

    private static final Logger LOG = Logger.getLogger(IndexReconciler.class);

    private final ReentrantLock lock = new ReentrantLock();

    @Inject
    GraphIndex index;

    @Inject
    StoredPairs stored;

    /**
     * Reconciles what one local transaction changed, once it committed: the nodes it created or gave
     * an owner and the node-id pairs between which an edge appeared or disappeared. If the tables
     * cannot be read now, the nodes are taken as written and the pairs are left to the change's
     * tessera.lineage event, which reconciles them again.
     */
    public void committed(List<NodeRef> nodes, List<int[]> pairs) {
        if (nodes.isEmpty() && pairs.isEmpty()) {
            return;
        }
        Set<Integer> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        Map<Long, int[]> distinct = new LinkedHashMap<>();
        for (int[] pair : pairs) {
            distinct.putIfAbsent(((long) pair[0] << 32) | (pair[1] & 0xffffffffL), pair);
            ids.add(pair[0]);
            ids.add(pair[1]);
        }
        lock.lock();
        try {
            apply(stored.byIds(ids, distinct.values()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(
                    "Could not read back a commit's %d edge pairs; its tessera.lineage events will: %s",
                    distinct.size(), e.getMessage());
            index.atomically(
                    () -> nodes.forEach(n -> index.putNode(n.id(), n.key(), n.type(), n.productId(), n.domainId())));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reconciles the pairs a batch of tessera.lineage events names, in one read of the tables.
     * Events naming nodes the tables do not hold (not this database's) change nothing.
     *
     * @throws SQLException when the tables cannot be read; the caller retries the batch
     */
    public void announced(Collection<LineageEdgeV1> events) throws SQLException {
        Set<String> keys = new HashSet<>();
        Map<String, String[]> pairs = new LinkedHashMap<>();
        for (LineageEdgeV1 event : events) {
            Optional<String> from = key(event.from());
            Optional<String> to = key(event.to());
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            keys.add(from.get());
            keys.add(to.get());
            pairs.putIfAbsent(from.get() + '\n' + to.get(), new String[] {from.get(), to.get()});
        }
        if (pairs.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            StoredPairs.Snapshot snapshot = stored.byKeys(keys, pairs.values());
            LOG.debugf(
                    "Reconciling %d announced pairs: %d nodes and %d pairs stored",
                    pairs.size(), snapshot.nodes().size(), snapshot.pairs().size());
            apply(snapshot);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} (a rebuild) while no reconciliation reads or applies. */
    public void exclusively(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    private void apply(StoredPairs.Snapshot snapshot) {
        Map<Integer, NodeRef> nodes = new HashMap<>();
        snapshot.nodes().forEach(n -> nodes.put(n.id(), n));
        index.atomically(() -> {
            for (NodeRef node : nodes.values()) {
                index.putNode(node.id(), node.key(), node.type(), node.productId(), node.domainId());
            }
            for (StoredPairs.PairCount pair : snapshot.pairs()) {
                index.setEdgeCount(pair.from(), pair.to(), pair.count());
            }
        });
    }

    /** The node key an event names, when its type is one the graph has. */
    private static Optional<String> key(LineageEdgeV1.Node node) {
        if (node == null || node.type() == null || node.id() == null) {
            return Optional.empty();
        }
        return NodeType.parse(node.type()).map(type -> type.key(node.id()));
    }
}

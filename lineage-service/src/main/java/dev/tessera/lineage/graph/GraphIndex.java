package dev.tessera.lineage.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lineage graph in memory, for traversals that must answer in milliseconds on graphs of
 * hundreds of thousands of edges. Node ids are the database's dense integer ids, used directly as
 * array slots; each node keeps its successors and predecessors in growable {@code int[]} lists, so
 * an edge costs two ints and a traversal never touches a boxed object.
 *
 * <p>Readers share a read lock; the service applies committed changes under the write lock, so a
 * traversal sees either all or none of a transaction's changes. Parallel edges (the same pair
 * linked for two reasons) are kept as repeated entries and removed one at a time; {@link
 * #setEdgeCount} sets how many a pair has.
 */
@jakarta.inject.Singleton
public final class GraphIndex {

    private static final int[] EMPTY = new int[0];
    private static final NodeType[] TYPES = NodeType.values();
    private static final byte PORT = (byte) NodeType.PORT.ordinal();
    private static final byte DATASET = (byte) NodeType.DATASET.ordinal();
    private static final byte COLUMN = (byte) NodeType.COLUMN.ordinal();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int[][] out = new int[1024][];
    private int[][] in = new int[1024][];
    private int[] outSize = new int[1024];
    private int[] inSize = new int[1024];
    private byte[] types = new byte[1024];
    private int[] domains = new int[1024];
    private int[] products = new int[1024];
    private String[] keys = new String[1024];
    private final Map<String, Integer> byKey = new HashMap<>();
    private final List<String> domainNames = new ArrayList<>(List.of(""));
    private final Map<String, Integer> domainCodes = new HashMap<>();
    private final List<String> productNames = new ArrayList<>(List.of(""));
    private final Map<String, Integer> productCodes = new HashMap<>();
    private int nodeCount;
    private long edgeCount;

    /** Adds a node or updates its domain. */
    public void putNode(int id, String key, NodeType type, String domainId) {
        putNode(id, key, type, null, domainId);
    }

    /** Adds a node or updates its owning product and domain. */
    public void putNode(int id, String key, NodeType type, String productId, String domainId) {
        lock.writeLock().lock();
        try {
            ensureCapacity(id);
            if (keys[id] == null) {
                nodeCount++;
            }
            keys[id] = key;
            types[id] = (byte) type.ordinal();
            domains[id] = code(domainId, domainNames, domainCodes);
            products[id] = code(productId, productNames, productCodes);
            byKey.put(key, id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void addEdge(int from, int to) {
        lock.writeLock().lock();
        try {
            ensureCapacity(Math.max(from, to));
            out[from] = append(out[from], outSize[from]++, to);
            in[to] = append(in[to], inSize[to]++, from);
            edgeCount++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes one occurrence of the edge; a no-op when it is not there. */
    public void removeEdge(int from, int to) {
        lock.writeLock().lock();
        try {
            if (from >= keys.length || to >= keys.length) {
                return;
            }
            if (removeOne(out[from], outSize[from], to)) {
                outSize[from]--;
                if (removeOne(in[to], inSize[to], from)) {
                    inSize[to]--;
                }
                edgeCount--;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes the index hold exactly {@code count} edges from one node to another, adding or removing
     * the difference: how a change is applied when the database's count is what is known, so that
     * learning the same change twice (a replica's own commit and its announcement, or a change the
     * rebuild already read) leaves one edge, not two.
     */
    public void setEdgeCount(int from, int to, int count) {
        lock.writeLock().lock();
        try {
            ensureCapacity(Math.max(from, to));
            int held = 0;
            int[] successors = out[from];
            for (int i = 0; i < outSize[from]; i++) {
                if (successors[i] == to) {
                    held++;
                }
            }
            for (; held < count; held++) {
                addEdge(from, to);
            }
            for (; held > count; held--) {
                removeEdge(from, to);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The id of a node key, or -1. */
    public int idOf(String key) {
        lock.readLock().lock();
        try {
            Integer id = byKey.get(key);
            return id == null ? -1 : id;
        } finally {
            lock.readLock().unlock();
        }
    }

    public String keyOf(int id) {
        lock.readLock().lock();
        try {
            return id < keys.length ? keys[id] : null;
        } finally {
            lock.readLock().unlock();
        }
    }

    public NodeType typeOf(int id) {
        lock.readLock().lock();
        try {
            return TYPES[types[id]];
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The domain of a node, or null when it belongs to none. */
    public String domainOf(int id) {
        lock.readLock().lock();
        try {
            int code = domains[id];
            return code == 0 ? null : domainNames.get(code);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The product owning a node, or null when it belongs to none. */
    public String productOf(int id) {
        lock.readLock().lock();
        try {
            int code = id < products.length ? products[id] : 0;
            return code == 0 ? null : productNames.get(code);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Calls {@code action} with every direct successor of a node. */
    public void forEachSuccessor(int id, java.util.function.IntConsumer action) {
        lock.readLock().lock();
        try {
            if (id >= keys.length) {
                return;
            }
            for (int i = 0; i < outSize[id]; i++) {
                action.accept(out[id][i]);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public int nodeCount() {
        return nodeCount;
    }

    public long edgeCount() {
        return edgeCount;
    }

    /**
     * Runs {@code changes} (calls of {@link #putNode}, {@link #addEdge}, {@link #removeEdge}) under
     * one hold of the write lock, so no reader sees some of them without the others: how the changes
     * of one committed transaction are applied.
     */
    public void atomically(Runnable changes) {
        lock.writeLock().lock();
        try {
            changes.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops everything, before a rebuild from the database. */
    public void clear() {
        lock.writeLock().lock();
        try {
            out = new int[1024][];
            in = new int[1024][];
            outSize = new int[1024];
            inSize = new int[1024];
            types = new byte[1024];
            domains = new int[1024];
            products = new int[1024];
            keys = new String[1024];
            byKey.clear();
            nodeCount = 0;
            edgeCount = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Breadth-first traversal from {@code root}. Stops at {@code maxDepth}, and cuts the answer
     * (marking it partial) once {@code maxNodes} nodes were reached or {@code deadlineNanos}
     * ({@link System#nanoTime()} scale) passed. Each node is visited once, so cycles terminate, and
     * each reached node remembers the node it was reached from, which gives a shortest path back.
     */
    public Traversal traverse(int root, Direction direction, int maxDepth, int maxNodes, long deadlineNanos) {
        lock.readLock().lock();
        try {
            if (direction == Direction.BOTH) {
                Traversal down = bfs(root, true, false, maxDepth, maxNodes, deadlineNanos);
                if (down.partial()) {
                    return down;
                }
                Traversal up = bfs(root, false, false, maxDepth, maxNodes - down.size() + 1, deadlineNanos);
                return down.merge(up);
            }
            return bfs(root, direction == Direction.DOWNSTREAM, false, maxDepth, maxNodes, deadlineNanos);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The traversal impact analysis needs: downstream from {@code root} as {@link #traverse} goes,
     * and besides from every dataset reached (for a column, from its dataset) back to each port that
     * dataset serves. A port points to the dataset serving it, so a downstream traversal never meets
     * the port, yet a change to the dataset changes what the port offers, and the port's consumers
     * follow from there. The same bounds apply; a crossed port counts as one more reached node, one
     * hop further, its parent the dataset (or column) it was crossed from.
     */
    public Traversal impact(int root, int maxDepth, int maxNodes, long deadlineNanos) {
        lock.readLock().lock();
        try {
            return bfs(root, true, true, maxDepth, maxNodes, deadlineNanos);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A shortest downstream path from one node to another within {@code maxDepth} hops, as node ids
     * from {@code from} to {@code to}; empty when there is none.
     */
    public int[] shortestPath(int from, int to, int maxDepth, long deadlineNanos) {
        Traversal t = traverse(from, Direction.DOWNSTREAM, maxDepth, Integer.MAX_VALUE, deadlineNanos);
        for (int i = 0; i < t.size(); i++) {
            if (t.node(i) == to) {
                return t.pathTo(i);
            }
        }
        return EMPTY;
    }

    /**
     * Breadth-first search along successors ({@code downstream}) or predecessors; with {@code
     * toServedPorts}, a dataset's (or a column's dataset's) port predecessors are followed as well.
     */
    private Traversal bfs(
            int root, boolean downstream, boolean toServedPorts, int maxDepth, int maxNodes, long deadlineNanos) {
        int[][] adjacency = downstream ? out : in;
        int[] sizes = downstream ? outSize : inSize;
        int passes = toServedPorts ? 2 : 1;
        Scratch scratch = takeScratch();
        try {
            int[] seen = scratch.seen;
            int epoch = scratch.epoch;
            int[] order = scratch.order;
            int[] depth = scratch.depth;
            int[] parent = scratch.parent;
            order[0] = root;
            depth[0] = 0;
            parent[0] = -1;
            seen[root] = epoch;
            int size = 1;
            String cut = null;
            int head = 0;
            long steps = 0;
            outer:
            while (head < size) {
                int node = order[head];
                int d = depth[head];
                if (d >= maxDepth) {
                    head++;
                    continue;
                }
                for (int pass = 0; pass < passes; pass++) {
                    // The second pass walks back from the dataset to the ports it serves, and only to those.
                    int from = pass == 0 ? node : servedDataset(node);
                    if (from < 0) {
                        continue;
                    }
                    int[] next = pass == 0 ? adjacency[node] : in[from];
                    int count = pass == 0 ? sizes[node] : inSize[from];
                    for (int i = 0; i < count; i++) {
                        int target = next[i];
                        if ((++steps & 1023) == 0 && System.nanoTime() > deadlineNanos) {
                            cut = Traversal.TIME_BUDGET;
                            break outer;
                        }
                        if (seen[target] == epoch || (pass == 1 && types[target] != PORT)) {
                            continue;
                        }
                        if (size >= maxNodes) {
                            cut = Traversal.NODE_CAP;
                            break outer;
                        }
                        seen[target] = epoch;
                        if (size == order.length) {
                            scratch.grow();
                            order = scratch.order;
                            depth = scratch.depth;
                            parent = scratch.parent;
                        }
                        order[size] = target;
                        depth[size] = d + 1;
                        parent[size] = head;
                        size++;
                    }
                }
                head++;
            }
            return new Traversal(
                    Arrays.copyOf(order, size),
                    Arrays.copyOf(depth, size),
                    Arrays.copyOf(parent, size),
                    downstream ? size : 1,
                    cut);
        } finally {
            releaseScratch(scratch);
        }
    }

    /**
     * The dataset whose serving ports a node's change reaches: a dataset itself, a column's dataset
     * (its key is the dataset's name, {@code #}, the field's; the longest such name that is a known
     * dataset wins), otherwise -1.
     */
    private int servedDataset(int node) {
        if (types[node] == DATASET) {
            return node;
        }
        if (types[node] != COLUMN) {
            return -1;
        }
        String key = keys[node];
        int prefix = NodeType.COLUMN.name().length() + 1;
        for (int hash = key.lastIndexOf('#'); hash > prefix; hash = key.lastIndexOf('#', hash - 1)) {
            Integer dataset = byKey.get(NodeType.DATASET.key(key.substring(prefix, hash)));
            if (dataset != null) {
                return dataset;
            }
        }
        return -1;
    }

    /**
     * Working memory of one traversal, reused by the next so a query does not allocate (and the
     * collector does not reclaim) a visited set and queues the size of the graph each time. A node
     * counts as visited when its stamp equals the traversal's epoch, so nothing is cleared between
     * traversals. Pooled rather than per thread: there are only as many as traversals ever ran at once.
     */
    private static final class Scratch {
        int[] seen;
        int epoch;
        int[] order = new int[1024];
        int[] depth = new int[1024];
        int[] parent = new int[1024];

        Scratch(int capacity) {
            seen = new int[capacity];
        }

        void grow() {
            int capacity = order.length * 2;
            order = Arrays.copyOf(order, capacity);
            depth = Arrays.copyOf(depth, capacity);
            parent = Arrays.copyOf(parent, capacity);
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> scratches =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Called under the read lock, so the node capacity cannot change meanwhile. */
    private Scratch takeScratch() {
        Scratch scratch = scratches.poll();
        if (scratch == null || scratch.seen.length < keys.length) {
            scratch = new Scratch(keys.length);
        }
        if (++scratch.epoch == Integer.MAX_VALUE) {
            Arrays.fill(scratch.seen, 0);
            scratch.epoch = 1;
        }
        return scratch;
    }

    private void releaseScratch(Scratch scratch) {
        if (scratches.size() < 64) {
            scratches.offer(scratch);
        }
    }

    private static int code(String value, List<String> names, Map<String, Integer> codes) {
        if (value == null) {
            return 0;
        }
        return codes.computeIfAbsent(value, v -> {
            names.add(v);
            return names.size() - 1;
        });
    }

    private void ensureCapacity(int id) {
        if (id < keys.length) {
            return;
        }
        int capacity = Math.max(keys.length * 2, id + 1);
        out = Arrays.copyOf(out, capacity);
        in = Arrays.copyOf(in, capacity);
        outSize = Arrays.copyOf(outSize, capacity);
        inSize = Arrays.copyOf(inSize, capacity);
        types = Arrays.copyOf(types, capacity);
        domains = Arrays.copyOf(domains, capacity);
        products = Arrays.copyOf(products, capacity);
        keys = Arrays.copyOf(keys, capacity);
    }

    private static int[] append(int[] list, int size, int value) {
        if (list == null) {
            list = new int[2];
        } else if (size == list.length) {
            list = Arrays.copyOf(list, size + (size >> 1) + 1);
        }
        list[size] = value;
        return list;
    }

    private static boolean removeOne(int[] list, int size, int value) {
        if (list == null) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (list[i] == value) {
                list[i] = list[size - 1];
                return true;
            }
        }
        return false;
    }
}

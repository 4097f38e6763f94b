package dev.tessera.lineage.graph;

import java.util.Arrays;

/**
 * The result of one traversal: reached nodes in breadth-first order with their distance from the
 * start and the position of the node they were reached from (-1 for the start). Positions from
 * {@code firstUpstream} on were reached against the data flow. {@code cut} names why the traversal
 * stopped early, or is null when it ran to the requested depth.
 */
public record Traversal(int[] nodes, int[] depths, int[] parents, int firstUpstream, String cut) {

    /** Reason given when the node cap stopped a traversal. */
    public static final String NODE_CAP = "NODE_CAP";

    /** Reason given when the time budget stopped a traversal. */
    public static final String TIME_BUDGET = "TIME_BUDGET";

    public int size() {
        return nodes.length;
    }

    public int node(int position) {
        return nodes[position];
    }

    public int depth(int position) {
        return depths[position];
    }

    /** The position of the node the node at {@code position} was reached from; -1 for the start. */
    public int parent(int position) {
        return parents[position];
    }

    public boolean partial() {
        return cut != null;
    }

    /** Direction in which the node at a position was reached; the start counts as downstream. */
    public Direction directionAt(int position) {
        return position > 0 && position >= firstUpstream ? Direction.UPSTREAM : Direction.DOWNSTREAM;
    }

    /** The node ids from the start to the node at {@code position}, both included. */
    public int[] pathTo(int position) {
        int length = depths[position] + 1;
        int[] path = new int[length];
        int p = position;
        for (int i = length - 1; i >= 0; i--) {
            path[i] = nodes[p];
            p = parents[p];
        }
        return path;
    }

    /** Appends an upstream traversal from the same start to this downstream one; the start appears once. */
    Traversal merge(Traversal upstream) {
        int offset = nodes.length - 1;
        int total = nodes.length + upstream.nodes.length - 1;
        int[] n = Arrays.copyOf(nodes, total);
        int[] d = Arrays.copyOf(depths, total);
        int[] p = Arrays.copyOf(parents, total);
        for (int i = 1; i < upstream.nodes.length; i++) {
            n[offset + i] = upstream.nodes[i];
            d[offset + i] = upstream.depths[i];
            int parent = upstream.parents[i];
            p[offset + i] = parent == 0 ? 0 : parent + offset;
        }
        return new Traversal(n, d, p, nodes.length, upstream.cut);
    }
}

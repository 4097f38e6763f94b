package dev.tessera.lineage.query.model;

import java.util.List;

/**
 * The nodes a traversal reached, the start first, and every edge between two of them.
 *
 * @param nodes the nodes reached
 * @param edges the edges among them
 * @param partial true when a cap or the time budget cut the traversal
 * @param reason why it was cut, null when complete
 */
public record Subgraph(List<LineageNode> nodes, List<Edge> edges, boolean partial, String reason) {

    /** A directed edge between two nodes of the subgraph, by node key. */
    public record Edge(String from, String to) {}
}

package dev.tessera.lineage.query.rest;

import java.util.List;

/**
 * A subgraph around a node, for documentation and tools.
 *
 * @param nodes nodes reached
 * @param edges edges between them, as {from, to} node keys
 * @param partial true when a cap or the time budget cut the traversal
 * @param reason why it was cut
 */
public record GraphExport(List<NodeView> nodes, List<Edge> edges, boolean partial, String reason) {

    /** A directed edge between two exported nodes. */
    public record Edge(String from, String to) {}
}

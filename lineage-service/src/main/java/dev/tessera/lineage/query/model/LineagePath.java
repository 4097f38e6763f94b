package dev.tessera.lineage.query.model;

import java.util.List;

/**
 * A shortest path along the data flow between two nodes.
 *
 * @param found whether the target is downstream of the start within the depth
 * @param hops edges on the path, 0 when not found
 * @param nodes the nodes from the start to the target; empty when not found
 */
public record LineagePath(boolean found, int hops, List<LineageNode> nodes) {}

package dev.tessera.lineage.query.model;

import dev.tessera.lineage.graph.Direction;
import java.util.List;

/**
 * One page of the nodes a traversal reached, the start excluded.
 *
 * @param root the start node
 * @param direction the direction searched
 * @param depth the depth searched
 * @param total nodes reached that pass the filters
 * @param items this page, nearest first
 * @param next cursor of the next page, null on the last
 * @param partial true when a cap or the time budget cut the traversal
 * @param reason why it was cut ({@code NODE_CAP}, {@code TIME_BUDGET}), null when complete
 */
public record TraversalPage(
        LineageNode root,
        Direction direction,
        int depth,
        int total,
        List<LineageNode> items,
        String next,
        boolean partial,
        String reason) {}

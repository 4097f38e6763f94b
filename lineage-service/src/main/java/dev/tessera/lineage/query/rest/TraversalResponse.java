package dev.tessera.lineage.query.rest;

import java.util.List;

/**
 * One page of a traversal.
 *
 * @param root the start node
 * @param direction DOWNSTREAM, UPSTREAM or BOTH
 * @param depth the depth searched
 * @param total nodes reached that pass the filters (the start excluded)
 * @param items this page, nearest first
 * @param next cursor of the next page, null on the last
 * @param partial true when a cap or the time budget cut the traversal
 * @param reason why it was cut (NODE_CAP, TIME_BUDGET), null when complete
 */
public record TraversalResponse(
        NodeView root,
        String direction,
        int depth,
        int total,
        List<NodeView> items,
        String next,
        boolean partial,
        String reason) {}

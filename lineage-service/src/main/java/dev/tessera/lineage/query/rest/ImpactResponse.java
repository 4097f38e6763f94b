package dev.tessera.lineage.query.rest;

import java.util.List;

/**
 * Everything downstream of a node, with who to tell.
 *
 * @param root the changed node
 * @param depth the depth searched
 * @param total consumers found
 * @param consumers this page, nearest first
 * @param next cursor of the next page, null on the last
 * @param partial true when a cap or the time budget cut the search
 * @param reason why it was cut, null when complete
 */
public record ImpactResponse(
        NodeView root, int depth, int total, List<Consumer> consumers, String next, boolean partial, String reason) {

    /**
     * One affected node.
     *
     * @param node the node
     * @param productId the product it belongs to, when it belongs to one
     * @param domain its domain with the owning group, when known
     * @param owners the product team's members, when known
     * @param path node keys from the changed node to this one
     */
    public record Consumer(NodeView node, String productId, Domain domain, List<String> owners, List<String> path) {}

    /** A domain and the group that owns it. */
    public record Domain(String id, String name, String ownerGroup) {}
}

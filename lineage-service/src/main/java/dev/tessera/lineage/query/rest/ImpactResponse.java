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
 * @param products the affected products, nearest first, the same on every page; at most 200
 * @param productTotal affected products found, which may be more than {@code products} lists
 */
public record ImpactResponse(
        NodeView root,
        int depth,
        int total,
        List<Consumer> consumers,
        String next,
        boolean partial,
        String reason,
        List<Product> products,
        int productTotal) {

    /**
     * One affected node.
     *
     * @param node the node
     * @param productId the product it belongs to, when it belongs to one
     * @param domain its domain with the owning group, when known
     * @param owners the product team's members, when known
     * @param path node keys from the changed node to this one
     * @param link how the last step of the path reached it (served-by-port, input-port, ...)
     */
    public record Consumer(
            NodeView node, String productId, Domain domain, List<String> owners, List<String> path, String link) {}

    /**
     * A product the change reaches: one whose output port a changed dataset serves, or one
     * consuming a changed port.
     *
     * @param productId the product
     * @param name its name, when lineage knows it
     * @param domain its domain with the owning group, when known
     * @param owners the product team's members, when known
     * @param link why it is affected: served-by-port (a changed dataset serves one of its output
     *     ports), input-port or access-grant (it consumes a changed port)
     * @param path node keys from the changed node to the product's node
     * @param links how each step of the path is made, one fewer than the path's keys
     */
    public record Product(
            String productId,
            String name,
            Domain domain,
            List<String> owners,
            String link,
            List<String> path,
            List<String> links) {}

    /** A domain and the group that owns it. */
    public record Domain(String id, String name, String ownerGroup) {}
}

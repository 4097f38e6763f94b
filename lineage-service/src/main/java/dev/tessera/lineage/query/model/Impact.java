package dev.tessera.lineage.query.model;

import java.util.List;

/**
 * Everything a change to a node reaches, and who to tell: one page of the affected nodes and every
 * affected product (up to a cap), each with the path the change travels and how each step is made.
 *
 * @param root the changed node
 * @param depth the depth searched
 * @param total affected nodes found
 * @param consumers this page of affected nodes, nearest first
 * @param next cursor of the next page, null on the last
 * @param partial true when a cap or the time budget cut the search
 * @param reason why it was cut, null when complete
 * @param products the affected products, nearest first, the same on every page; capped
 * @param productTotal affected products found, which may be more than {@code products} holds
 */
public record Impact(
        LineageNode root,
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
     * @param domain its domain, when it has one
     * @param owners the product team's members, empty when unknown
     * @param path node keys from the changed node to this one
     * @param link how the last step of the path reached it
     */
    public record Consumer(
            LineageNode node,
            String productId,
            Domain domain,
            List<String> owners,
            List<String> path,
            ImpactLink link) {}

    /**
     * An affected product: one whose output port a changed dataset serves, or one consuming a changed port.
     *
     * @param productId the product
     * @param name its name, when lineage knows it
     * @param domain its domain, when it has one
     * @param owners the product team's members, empty when unknown
     * @param link why it is affected: the step that reached the product's port or node
     * @param path node keys from the changed node to the product's node
     * @param links how each step of the path is made, one fewer than the path's keys
     */
    public record Product(
            String productId,
            String name,
            Domain domain,
            List<String> owners,
            ImpactLink link,
            List<String> path,
            List<ImpactLink> links) {}

    /** A domain with its name and owning group, both null when lineage has not heard of the domain yet. */
    public record Domain(String id, String name, String ownerGroup) {}
}

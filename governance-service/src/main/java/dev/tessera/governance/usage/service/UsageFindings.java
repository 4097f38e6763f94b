package dev.tessera.governance.usage.service;

import java.time.Instant;
import java.util.List;

/**
 * One domain's part of the usage report: its products nobody uses and the jobs reading its products
 * without asking.
 *
 * @param domainId the domain; null for products whose domain neither lineage nor governance knows
 * @param unusedProducts the domain's unused products, in id order
 * @param shadowConsumers the shadow consumers of the domain's products, by product, most recently read first
 * @param shadowConsumersTotal how many shadow consumers the products count, including those lineage did
 *     not list (it lists at most 100 per product)
 */
public record UsageFindings(
        String domainId, List<Unused> unusedProducts, List<Shadow> shadowConsumers, int shadowConsumersTotal) {

    /**
     * A product nobody has read or viewed for lineage's threshold.
     *
     * @param productId the product
     * @param unusedSince when it became unused
     * @param unusedAfterDays the threshold lineage applied
     * @param daysSinceLastUse whole days since its last read or page view (or, never used, since its
     *     publication as far as the threshold tells)
     * @param lastReadAt its last observed read, if it ever had one
     * @param lastViewedAt when its catalog page was last opened, if ever
     */
    public record Unused(
            String productId,
            Instant unusedSince,
            int unusedAfterDays,
            Long daysSinceLastUse,
            Instant lastReadAt,
            Instant lastViewedAt) {}

    /**
     * A job seen reading a product with neither an ACTIVE grant nor a declared input port.
     *
     * @param productId the product read
     * @param job the job, as {@code namespace/name}
     * @param consumingProductId the product the job writes, when known
     * @param consumingDomainId that product's domain, when known
     * @param runs distinct runs that read the product in the last 30 days
     * @param firstReadAt when the job was first seen reading it
     * @param lastReadAt when the job last read it
     */
    public record Shadow(
            String productId,
            String job,
            String consumingProductId,
            String consumingDomainId,
            long runs,
            Instant firstReadAt,
            Instant lastReadAt) {}
}

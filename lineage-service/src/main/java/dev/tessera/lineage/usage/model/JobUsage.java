package dev.tessera.lineage.usage.model;

import java.time.Instant;

/**
 * One job's reads of a product.
 *
 * @param job the job, {@code namespace/name}
 * @param ownerProductId the product its outputs serve, when known
 * @param ownerDomainId that product's domain, when known
 * @param runs distinct runs that read the product within the window
 * @param firstReadAt when it first read the product
 * @param lastReadAt when it last read the product
 */
public record JobUsage(
        String job, String ownerProductId, String ownerDomainId, long runs, Instant firstReadAt, Instant lastReadAt) {}

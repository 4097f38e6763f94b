package dev.tessera.registry.product.service;

import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.contract.Finding;
import dev.tessera.standards.contract.SemanticVersion;
import java.util.List;
import java.util.Optional;

/**
 * What applying a descriptor did or, in a dry run, would do. Built only from an {@link ApplyPlan}, so it reports
 * exactly what was decided before anything was written.
 *
 * @param kind what the apply did to the product
 * @param dryRun true when nothing was written
 * @param productId the product
 * @param version the version the descriptor was applied to
 * @param changes differences against what the version (or, for a new version, the previous newest one) held
 * @param findings breaking-change findings against the latest released version
 * @param warnings things worth fixing that do not block the write (for example unresolved input ports)
 * @param contracts the contract each output port carries and where it came from
 * @param product the product and its versions after the apply; empty in a dry run
 */
public record ApplyOutcome(
        Kind kind,
        boolean dryRun,
        String productId,
        SemanticVersion version,
        List<DescriptorDiff.Change> changes,
        List<Finding> findings,
        List<String> warnings,
        List<PortContract> contracts,
        Optional<Stored> product) {

    /** What an apply does to a product; the names are the API's {@code outcome} values. */
    public enum Kind {
        /** The product did not exist; it now has its first version, a DRAFT. */
        CREATED,
        /** The descriptor names a version the product did not have; it is a new DRAFT (replacing an open one). */
        VERSION_CREATED,
        /** The descriptor names the open DRAFT and changes it. */
        UPDATED,
        /** The descriptor is what the version it names already holds; nothing was written. */
        UNCHANGED
    }

    /**
     * A product as stored.
     *
     * @param product the product
     * @param versions all of its versions, oldest first; never empty
     */
    public record Stored(ProductEntity product, List<ProductVersionEntity> versions) {}

    /** The outcome of a plan that was only checked: nothing written, so no stored product to show. */
    static ApplyOutcome checked(ApplyPlan plan) {
        return of(plan, true, Optional.empty());
    }

    /** The outcome of a plan that leaves the product as it was: shown as it is stored. */
    static ApplyOutcome unchanged(ApplyPlan plan) {
        return of(plan, false, Optional.of(new Stored(plan.product(), plan.existingVersions())));
    }

    /** The outcome of a plan that was carried out: shown as the write left it. */
    static ApplyOutcome written(ApplyPlan plan, ProductEntity product, List<ProductVersionEntity> versions) {
        return of(plan, false, Optional.of(new Stored(product, versions)));
    }

    private static ApplyOutcome of(ApplyPlan plan, boolean dryRun, Optional<Stored> product) {
        return new ApplyOutcome(
                plan.kind(),
                dryRun,
                plan.checked().productId(),
                plan.checked().version(),
                plan.changes(),
                plan.findings(),
                plan.checked().warnings(),
                plan.contracts(),
                product);
    }
}

package dev.tessera.registry.product.service;

import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.contract.Finding;
import java.util.List;
import java.util.Optional;

/**
 * What an apply will do, decided before anything is written. Every refusal is thrown while planning, so a plan is
 * always one of the four outcomes, each built by its own factory; only the components the outcome uses are set.
 *
 * @param kind the outcome
 * @param checked the checked descriptor
 * @param contracts the contract each output port carries and where it came from
 * @param product the product as stored; null only for {@link ApplyOutcome.Kind#CREATED}
 * @param existingVersions the product's versions before the apply, oldest first; empty for a new product
 * @param target the stored version the descriptor names; set only for {@link ApplyOutcome.Kind#UPDATED} and
 *     {@link ApplyOutcome.Kind#UNCHANGED}
 * @param replacedDraft the open draft a new version replaces; set only for {@link ApplyOutcome.Kind#VERSION_CREATED},
 *     and only when there was one
 * @param changes differences against the version the descriptor names or, for a new version, the newest one
 * @param findings breaking-change findings against the latest released version (for UNCHANGED, the stored ones)
 */
record ApplyPlan(
        ApplyOutcome.Kind kind,
        CheckedDescriptor checked,
        List<PortContract> contracts,
        ProductEntity product,
        List<ProductVersionEntity> existingVersions,
        ProductVersionEntity target,
        ProductVersionEntity replacedDraft,
        List<DescriptorDiff.Change> changes,
        List<Finding> findings) {

    /** A product that does not exist yet: its first version, with nothing to compare against. */
    static ApplyPlan create(CheckedDescriptor checked, List<PortContract> contracts) {
        return new ApplyPlan(
                ApplyOutcome.Kind.CREATED, checked, contracts, null, List.of(), null, null, List.of(), List.of());
    }

    /** A descriptor identical to what {@code target} holds: nothing to write, its stored findings still apply. */
    static ApplyPlan unchanged(
            CheckedDescriptor checked,
            List<PortContract> contracts,
            ProductEntity product,
            List<ProductVersionEntity> existingVersions,
            ProductVersionEntity target,
            List<Finding> storedFindings) {
        return new ApplyPlan(
                ApplyOutcome.Kind.UNCHANGED,
                checked,
                contracts,
                product,
                existingVersions,
                target,
                null,
                List.of(),
                storedFindings);
    }

    /** A changed descriptor for {@code target}, an editable version, which it rewrites in place. */
    static ApplyPlan updateDraft(
            CheckedDescriptor checked,
            List<PortContract> contracts,
            ProductEntity product,
            List<ProductVersionEntity> existingVersions,
            ProductVersionEntity target,
            List<DescriptorDiff.Change> changes,
            List<Finding> findings) {
        return new ApplyPlan(
                ApplyOutcome.Kind.UPDATED,
                checked,
                contracts,
                product,
                existingVersions,
                target,
                null,
                changes,
                findings);
    }

    /** A version the product does not have yet, which replaces the open draft when there is one. */
    static ApplyPlan newVersion(
            CheckedDescriptor checked,
            List<PortContract> contracts,
            ProductEntity product,
            List<ProductVersionEntity> existingVersions,
            Optional<ProductVersionEntity> replacedDraft,
            List<DescriptorDiff.Change> changes,
            List<Finding> findings) {
        return new ApplyPlan(
                ApplyOutcome.Kind.VERSION_CREATED,
                checked,
                contracts,
                product,
                existingVersions,
                null,
                replacedDraft.orElse(null),
                changes,
                findings);
    }
}

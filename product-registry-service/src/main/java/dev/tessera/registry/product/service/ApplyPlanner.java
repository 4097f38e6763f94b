package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.ETags;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductStore;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.contract.BreakingChangeDetector;
import dev.tessera.standards.contract.Finding;
import dev.tessera.standards.contract.SemanticVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Decides what an apply will do, and refuses it, before anything is written. It works on the product as the caller
 * read it ({@link ProductStore#read}): a real apply reads it locked, so no other write moves the product between the
 * plan and the commit; two first writes of one new product meet at the insert instead, where the loser is retried.
 * Planning reads nothing else, except to name the consumers a refused breaking change would hit.
 *
 * <p>Which version a descriptor lands on: the version it names when the product has it (an UNCHANGED repeat, or an
 * UPDATE of an editable draft), else a new version above every existing one, which replaces the open draft if there
 * is one (and must then only be above the latest released version). Any of them that breaks the latest released
 * version must bump the major version ({@link BreakingChanges}).
 */
@ApplicationScoped
public class ApplyPlanner {

    @Inject
    ContractResolver contracts;

    @Inject
    ProductMapper mapper;

    @Inject
    BreakingChangeDetector detector;

    @Inject
    BreakingChanges breakingChanges;

    @Inject
    DescriptorContent content;

    /**
     * The plan for applying {@code checked}, or the exception that refuses it.
     *
     * @param stored the product as stored, or null when there is none
     */
    public ApplyPlan plan(CheckedDescriptor checked, ProductStore.Stored stored, String ifMatch) {
        String productId = checked.productId();
        ObjectNode descriptor = checked.descriptor();
        SemanticVersion version = checked.version();
        if (stored == null) {
            return ApplyPlan.create(
                    checked, contracts.resolve(descriptor, checked.bundled(), null, null, checked.form()));
        }
        ProductEntity product = stored.product();
        if (!product.domainId.equals(checked.domainId())) {
            throw ApiException.conflict("Product '" + productId + "' belongs to domain '" + product.domainId
                    + "'; a descriptor cannot move it to '" + checked.domainId() + "'.");
        }
        ETags.check(ifMatch, product.sequence);
        List<ProductVersionEntity> existing = stored.versions();
        ProductVersionEntity head = existing.getLast();
        Optional<ProductVersionEntity> sameVersion = existing.stream()
                .filter(v -> v.version.equals(version.toString()))
                .findFirst();
        // A write builds on the version it names when that exists (an edit, or a repeat), else on the newest one.
        ProductVersionEntity base = sameVersion.orElse(head);
        List<PortContract> resolved =
                contracts.resolve(descriptor, checked.bundled(), mapper.descriptor(base), base.version, checked.form());
        Optional<ProductVersionEntity> released = ProductMapper.latestReleased(existing);
        List<Finding> findings = released.map(r -> detector.compare(
                        DescriptorContent.withoutStatus(mapper.descriptor(r)),
                        DescriptorContent.withoutStatus(descriptor)))
                .orElse(List.of());
        if (sameVersion.isPresent()) {
            ProductVersionEntity target = sameVersion.get();
            if (target.descriptorHash.equals(content.hash(descriptor))) {
                return ApplyPlan.unchanged(checked, resolved, product, existing, target, mapper.findings(target));
            }
            if (!target.status.isEditable()) {
                throw ProductProblems.immutable(target);
            }
            breakingChanges.requireMajorBump(version, released, findings);
            return ApplyPlan.updateDraft(
                    checked, resolved, product, existing, target, changesFrom(target, descriptor), findings);
        }
        SemanticVersion newest = SemanticVersion.parse(head.version);
        Optional<ProductVersionEntity> open = ProductMapper.openVersion(existing);
        if (open.isPresent() && open.get().status == Lifecycle.PENDING_APPROVAL) {
            throw ApiException.conflict("Version " + open.get().version + " is waiting for approval; wait for the"
                    + " decision or withdraw it (transition to DRAFT) before applying version " + version + ".");
        }
        SemanticVersion floor = open.isEmpty()
                ? newest
                : released.map(r -> SemanticVersion.parse(r.version)).orElse(null);
        if (floor != null && version.compareTo(floor) <= 0) {
            throw ApiException.invalidField(
                    "/version",
                    "version " + version + " must be greater than " + floor + ", the newest "
                            + (open.isEmpty() ? "version" : "released version"));
        }
        breakingChanges.requireMajorBump(version, released, findings);
        return ApplyPlan.newVersion(
                checked, resolved, product, existing, open, changesFrom(head, descriptor), findings);
    }

    /** What the descriptor changes against a stored version, ignoring {@code status} on both sides. */
    private List<DescriptorDiff.Change> changesFrom(ProductVersionEntity stored, ObjectNode descriptor) {
        return DescriptorDiff.between(
                DescriptorContent.withoutStatus(mapper.descriptor(stored)),
                DescriptorContent.withoutStatus(descriptor));
    }
}

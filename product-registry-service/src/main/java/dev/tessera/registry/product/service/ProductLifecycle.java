package dev.tessera.registry.product.service;

import dev.tessera.events.EventType;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import dev.tessera.platform.web.ETags;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductRepository;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.repository.ProductVersionRepository;
import dev.tessera.standards.contract.SemanticVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves versions through their lifecycle ({@link Lifecycle}): by hand, for owners and governance officers, and by
 * governance's publish decisions. Every move locks the product row, bumps its sequence, and is written in one
 * transaction with its audit entry and outbox event; a move to PENDING_APPROVAL is the publish request, and the
 * sequence it got is remembered so that only a decision about that request can settle it.
 */
@ApplicationScoped
public class ProductLifecycle {

    @Inject
    ProductRepository products;

    @Inject
    ProductVersionRepository versions;

    @Inject
    ProductQueries queries;

    @Inject
    BreakingChanges breakingChanges;

    @Inject
    ProductMapper mapper;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    ProductEvents events;

    /** Moves a version in the lifecycle, after checking who may and whether the lifecycle allows it. */
    @Transactional
    public ProductEntity transition(
            String productId,
            String version,
            Lifecycle to,
            List<String> reasons,
            LocalDate sunsetDate,
            String successor,
            String ifMatch) {
        ProductEntity product = products.findForUpdate(productId);
        if (product == null) {
            throw ProductProblems.noSuchProduct(productId);
        }
        ETags.check(ifMatch, product.sequence);
        ProductVersionEntity target = queries.anyVersion(productId, version);
        Lifecycle from = target.status;
        if (!from.canMoveTo(to)) {
            throw new ApiException(
                    ProblemType.ILLEGAL_TRANSITION,
                    "Version " + target.version + " is " + from + "; from there it can move to "
                            + (from.allowedNext().isEmpty() ? "nothing (final state)" : from.allowedNext()) + ", not "
                            + to + ".",
                    List.of(),
                    Map.of("from", from.name(), "to", to.name(), "allowed", from.allowedNext()));
        }
        authorize(product, to);
        List<ProductVersionEntity> all = versions.ofProduct(productId);
        switch (to) {
            case PENDING_APPROVAL -> breakingChanges.requireMajorBump(target, all);
            case DEPRECATED -> {
                if (sunsetDate == null || !sunsetDate.isAfter(LocalDate.now())) {
                    throw ApiException.invalidField(
                            "/sunsetDate", "deprecating needs a sunsetDate in the future (YYYY-MM-DD)");
                }
                if (successor != null && !successorExists(productId, target, successor)) {
                    throw ApiException.invalidField(
                            "/successor",
                            "successor must be a later version of this product or the id of another product");
                }
                target.sunsetDate = sunsetDate;
                target.successor = successor;
            }
            case DRAFT -> {
                if (caller.hasRole(Roles.GOVERNANCE_OFFICER)
                        && !caller.canWriteDomain(product.domainId)
                        && (reasons == null || reasons.isEmpty())) {
                    throw ApiException.invalidField("/reasons", "say why the publish request is rejected");
                }
            }
            default -> {}
        }
        changeStatus(product, target, from, to, reasons, sunsetDate, successor, caller.name());
        return product;
    }

    /**
     * Applies governance's publish decision: PENDING_APPROVAL becomes PUBLISHED when approved, or DRAFT with the
     * failing policies as reasons. Idempotent: a redelivered decision, or one about a version that is no longer
     * pending (withdrawn, or decided by hand), changes nothing.
     *
     * @return true when the decision moved the version
     */
    @Transactional
    public boolean applyPublishDecision(
            String eventId,
            String productId,
            String version,
            long requestSequence,
            boolean approved,
            List<String> reasons) {
        if (eventId != null && !products.markProcessed("governance-decisions", eventId)) {
            return false;
        }
        ProductEntity product = products.findForUpdate(productId);
        if (product == null) {
            return false;
        }
        Optional<ProductVersionEntity> target = versions.find(productId, version);
        if (target.isEmpty() || target.get().status != Lifecycle.PENDING_APPROVAL) {
            return false;
        }
        // A decision about an earlier request (withdrawn, then asked again) must not decide this one.
        Long pendingSince = target.get().pendingSequence;
        if (pendingSince != null && requestSequence < pendingSince) {
            return false;
        }
        Lifecycle to = approved ? Lifecycle.PUBLISHED : Lifecycle.DRAFT;
        changeStatus(
                product,
                target.get(),
                Lifecycle.PENDING_APPROVAL,
                to,
                approved ? null : reasons,
                null,
                null,
                "governance");
        return true;
    }

    private void changeStatus(
            ProductEntity product,
            ProductVersionEntity target,
            Lifecycle from,
            Lifecycle to,
            List<String> reasons,
            LocalDate sunsetDate,
            String successor,
            String actor) {
        String productId = product.id;
        Instant now = Instant.now();
        target.status = to;
        target.statusChangedAt = now;
        target.updatedAt = now;
        target.statusReasons = reasons == null || reasons.isEmpty() ? null : mapper.write(reasons);
        product.sequence++;
        product.updatedAt = now;
        target.pendingSequence = to == Lifecycle.PENDING_APPROVAL ? product.sequence : null;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", target.version);
        detail.put("from", from.name());
        detail.put("to", to.name());
        detail.put("reasons", reasons);
        detail.put("sunsetDate", sunsetDate == null ? null : sunsetDate.toString());
        detail.put("successor", successor);
        audit.record("product.status-changed", "product", productId, detail);
        EventType type = to == Lifecycle.PENDING_APPROVAL
                ? EventType.PRODUCT_PUBLISH_REQUESTED
                : EventType.PRODUCT_STATUS_CHANGED;
        events.publish(
                type,
                product,
                versions.ofProduct(productId),
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED,
                        target.version,
                        from.name(),
                        to.name(),
                        actor,
                        reasons));
    }

    /** Approvers publish and reject; owners withdraw their own request and make every other move. */
    private void authorize(ProductEntity product, Lifecycle to) {
        boolean owner = caller.canWriteDomain(product.domainId);
        switch (to) {
            case PUBLISHED -> caller.requireApprover();
            case DRAFT -> {
                // Owners withdraw their own request; governance rejects it.
                if (!owner) {
                    caller.requireApprover();
                }
            }
            default -> caller.requireDomainWrite(product.domainId);
        }
    }

    private boolean successorExists(String productId, ProductVersionEntity target, String successor) {
        try {
            SemanticVersion candidate = SemanticVersion.parse(successor);
            return candidate.compareTo(SemanticVersion.parse(target.version)) > 0
                    && versions.find(productId, candidate.toString()).isPresent();
        } catch (IllegalArgumentException notAVersion) {
            return !successor.equals(productId) && products.findById(successor) != null;
        }
    }
}

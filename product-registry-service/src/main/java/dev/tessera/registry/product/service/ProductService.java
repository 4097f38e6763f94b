package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.problem.Problem;
import dev.tessera.platform.problem.ProblemType;
import dev.tessera.platform.problem.UserText;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.ETags;
import dev.tessera.registry.contract.BreakingChangeDetector;
import dev.tessera.registry.contract.Finding;
import dev.tessera.registry.contract.SemanticVersion;
import dev.tessera.registry.domain.repository.DomainRepository;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.OutputPortEntity;
import dev.tessera.registry.product.repository.OutputPortRepository;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductRepository;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.repository.ProductVersionRepository;
import dev.tessera.registry.product.rest.ApplyResult;
import dev.tessera.registry.standard.DescriptorCodec;
import dev.tessera.registry.standard.DescriptorView;
import dev.tessera.registry.standard.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Data products as code. {@link #apply} takes a full descriptor and creates or updates the product
 * idempotently; every write is validated completely before anything is stored, runs in one
 * transaction with its audit entry and outbox event, and is refused whole when any rule fails.
 */
@ApplicationScoped
public class ProductService {

    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Inject
    ProductRepository products;

    @Inject
    ProductVersionRepository versions;

    @Inject
    OutputPortRepository ports;

    @Inject
    AffectedConsumers affected;

    @Inject
    DomainRepository domains;

    @Inject
    DescriptorCodec codec;

    @Inject
    BreakingChangeDetector detector;

    @Inject
    ProductMapper mapper;

    @Inject
    Caller caller;

    @Inject
    VersionVisibility visibility;

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    ContractResolver contracts;

    /** What an apply would do, computed before anything is written. */
    private record Plan(
            String outcome,
            String productId,
            String domainId,
            SemanticVersion version,
            ObjectNode descriptor,
            ProductEntity product,
            List<ProductVersionEntity> existingVersions,
            ProductVersionEntity target,
            ProductVersionEntity replacedDraft,
            List<DescriptorDiff.Change> changes,
            List<Finding> findings,
            List<String> warnings,
            List<PortContract> contracts) {}

    /**
     * Creates or updates a product from a full descriptor. The same descriptor applied twice is
     * UNCHANGED the second time. With {@code dryRun} everything is checked and reported, nothing stored.
     */
    @Transactional
    public ApplyResult apply(String productId, JsonNode body, boolean dryRun, String ifMatch) {
        return apply(productId, Submission.descriptor(body), dryRun, ifMatch);
    }

    /**
     * Creates or updates a product from a descriptor or a bundle (see {@link Submission}); contracts a port names by
     * {@code contractId} alone are resolved first ({@link ContractResolver}), then everything is checked as one
     * descriptor. With {@code dryRun} everything is checked and reported, nothing stored.
     */
    @Transactional
    public ApplyResult apply(String productId, Submission submission, boolean dryRun, String ifMatch) {
        Plan plan = plan(productId, submission, dryRun, ifMatch);
        if (dryRun || plan.outcome().equals(ApplyResult.UNCHANGED)) {
            ProductEntity product = plan.product();
            return new ApplyResult(
                    plan.outcome(),
                    dryRun,
                    plan.productId(),
                    plan.version().toString(),
                    plan.changes(),
                    plan.findings(),
                    plan.warnings(),
                    plan.contracts(),
                    dryRun || product == null ? null : mapper.product(product, plan.existingVersions()));
        }
        ProductEntity product = execute(plan);
        List<ProductVersionEntity> all = versions.ofProduct(product.id);
        return new ApplyResult(
                plan.outcome(),
                false,
                product.id,
                plan.version().toString(),
                plan.changes(),
                plan.findings(),
                plan.warnings(),
                plan.contracts(),
                mapper.product(product, all));
    }

    /** Replaces the contract of one output port of the open draft version with an ODCS document. */
    @Transactional
    public ApplyResult attachContract(
            String productId, String version, String portName, JsonNode odcs, boolean dryRun, String ifMatch) {
        ProductVersionEntity target = anyVersion(productId, version);
        if (!target.status.isEditable()) {
            throw immutable(target);
        }
        ObjectNode descriptor = mapper.descriptor(target);
        ObjectNode updated;
        try {
            updated = codec.attachContract(descriptor, portName, codec.importOdcs(odcs));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Version " + target.version + " of '" + productId + "' has no output port "
                    + UserText.quote(portName) + "; add the port to the descriptor first.");
        }
        return apply(productId, updated, dryRun, ifMatch);
    }

    /** Moves a version in the lifecycle, after checking who may and whether the lifecycle allows it. */
    @Transactional
    public ProductEntity transition(
            String productId,
            String version,
            Lifecycle to,
            List<String> reasons,
            java.time.LocalDate sunsetDate,
            String successor,
            String ifMatch) {
        ProductEntity product = products.findForUpdate(productId);
        if (product == null) {
            throw noSuchProduct(productId);
        }
        ETags.check(ifMatch, product.sequence);
        ProductVersionEntity target = anyVersion(productId, version);
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
        authorizeTransition(product, from, to);
        List<ProductVersionEntity> all = versions.ofProduct(productId);
        switch (to) {
            case PENDING_APPROVAL -> requireNoUnannouncedBreak(target, all);
            case DEPRECATED -> {
                if (sunsetDate == null || !sunsetDate.isAfter(java.time.LocalDate.now())) {
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
                if (caller.hasRole(dev.tessera.platform.security.Roles.GOVERNANCE_OFFICER)
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
     * Applies governance's publish decision: PENDING_APPROVAL becomes PUBLISHED when approved, or
     * DRAFT with the failing policies as reasons. Idempotent: a redelivered decision, or one about a
     * version that is no longer pending (withdrawn, or decided by hand), changes nothing.
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
        java.util.Optional<ProductVersionEntity> target = versions.find(productId, version);
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
            java.time.LocalDate sunsetDate,
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
        publish(
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

    /**
     * A product the caller may see: one with a published version, or any product for the owning domain's owners,
     * governance officers and platform admins. Anyone else gets the 404 of a product that does not exist.
     */
    public ProductEntity get(String productId) {
        ProductEntity product = existing(productId);
        history(product);
        return product;
    }

    /** The versions of a product the caller may see, oldest first; never empty (404 instead). */
    public List<ProductVersionEntity> history(String productId) {
        return history(existing(productId));
    }

    /** One version the caller may see; the path may spell it with or without a leading v. */
    public ProductVersionEntity version(String productId, String version) {
        ProductEntity product = get(productId);
        ProductVersionEntity found = anyVersion(productId, version);
        if (found.status.isUnpublished() && !visibility.seesUnpublished(product.domainId)) {
            throw noSuchVersion(productId, found.version);
        }
        return found;
    }

    private ProductEntity existing(String productId) {
        ProductEntity product = products.findById(productId);
        if (product == null) {
            throw noSuchProduct(productId);
        }
        return product;
    }

    private List<ProductVersionEntity> history(ProductEntity product) {
        List<ProductVersionEntity> visible = visibility.visible(product.domainId, versions.ofProduct(product.id));
        if (visible.isEmpty()) {
            // Same answer as for a product that does not exist: its existence is unpublished too.
            throw noSuchProduct(product.id);
        }
        return visible;
    }

    /** Any version, published or not: for write paths, which check the caller's rights themselves. */
    private ProductVersionEntity anyVersion(String productId, String version) {
        existing(productId);
        SemanticVersion parsed = parseVersion(version, "version");
        return versions.find(productId, parsed.toString())
                .orElseThrow(() -> noSuchVersion(productId, parsed.toString()));
    }

    private static ApiException noSuchProduct(String productId) {
        return ApiException.notFound("No product " + UserText.quote(productId) + ".");
    }

    private static ApiException noSuchVersion(String productId, String version) {
        return ApiException.notFound("Product " + UserText.quote(productId) + " has no version " + version
                + "; GET its versions to see them.");
    }

    /** Structured diff and breaking-change findings between two versions of a product. */
    public Map<String, Object> diff(String productId, String from, String to) {
        ProductVersionEntity a = version(productId, from);
        ProductVersionEntity b = version(productId, to);
        JsonNode left = withoutStatus(mapper.descriptor(a));
        JsonNode right = withoutStatus(mapper.descriptor(b));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("productId", productId);
        result.put("from", a.version);
        result.put("to", b.version);
        result.put("changes", DescriptorDiff.between(left, right));
        result.put("findings", detector.compare(left, right));
        return result;
    }

    /** A page of the products the caller may see; {@code status} filters on the newest version they may see. */
    public List<ProductEntity> page(String domainId, Lifecycle status, String afterId, int limit) {
        return products.page(domainId, status, afterId, limit, visibility.draftDomains());
    }

    /** The versions the caller may see of each product on a page, oldest first. */
    public Map<String, List<ProductVersionEntity>> versionsOf(List<ProductEntity> page) {
        Map<String, String> domainOf = new LinkedHashMap<>();
        page.forEach(p -> domainOf.put(p.id, p.domainId));
        Map<String, List<ProductVersionEntity>> byProduct = new LinkedHashMap<>();
        for (ProductVersionEntity v : versions.ofProducts(List.copyOf(domainOf.keySet()))) {
            if (!v.status.isUnpublished() || visibility.seesUnpublished(domainOf.get(v.productId))) {
                byProduct.computeIfAbsent(v.productId, k -> new ArrayList<>()).add(v);
            }
        }
        return byProduct;
    }

    private Plan plan(String productId, Submission submission, boolean dryRun, String ifMatch) {
        JsonNode body = submission.product();
        if (!PRODUCT_ID.matcher(productId).matches()) {
            throw ApiException.invalidField(
                    "id",
                    "product ids use letters, digits, '.', '_' and '-' (up to 128), starting with a letter or digit");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalidField("/", "send a descriptor object (ODPS with inline ODCS contracts)");
        }
        ObjectNode descriptor = ((ObjectNode) body).deepCopy();
        JsonNode givenId = descriptor.get("id");
        if (givenId == null || givenId.isNull()) {
            descriptor.put("id", productId);
        } else if (!givenId.isTextual()) {
            // Never render the value: a list here is exactly what an alias bomb would expand.
            throw ApiException.invalidField("/id", "the descriptor's id must be the string '" + productId + "'");
        } else if (!givenId.asText().equals(productId)) {
            throw ApiException.invalidField(
                    "/id",
                    "the descriptor's id " + UserText.quote(givenId.asText()) + " differs from '" + productId
                            + "' in the URL");
        }
        Map<Integer, Integer> bundled = contracts.attachBundle(descriptor, submission.contracts());
        try {
            validate(descriptor);
        } catch (ApiException e) {
            throw contracts.inDocuments(e, bundled);
        }
        DescriptorView view = new DescriptorView(descriptor);
        SemanticVersion version = parseVersion(view.version(), "/version");
        String domainId = view.domain();
        if (domains.findById(domainId) == null) {
            throw ApiException.invalidField(
                    "/domain", "no domain " + UserText.quote(domainId) + "; create it first or fix the name");
        }
        caller.requireDomainWrite(domainId);
        List<String> warnings = checkPorts(productId, view);

        ProductEntity product = dryRun ? products.findById(productId) : products.findForUpdate(productId);
        if (product == null) {
            List<PortContract> resolved = contracts.resolve(descriptor, bundled, null, null, submission.form());
            return new Plan(
                    ApplyResult.CREATED,
                    productId,
                    domainId,
                    version,
                    descriptor,
                    null,
                    List.of(),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    warnings,
                    resolved);
        }
        if (!product.domainId.equals(domainId)) {
            throw ApiException.conflict("Product '" + productId + "' belongs to domain '" + product.domainId
                    + "'; a descriptor cannot move it to '" + domainId + "'.");
        }
        ETags.check(ifMatch, product.sequence);
        List<ProductVersionEntity> existing = versions.ofProduct(productId);
        ProductVersionEntity head = existing.getLast();
        Optional<ProductVersionEntity> sameVersion = existing.stream()
                .filter(v -> v.version.equals(version.toString()))
                .findFirst();
        // A write builds on the version it names when that exists (an edit, or a repeat), else on the newest one.
        ProductVersionEntity base = sameVersion.orElse(head);
        List<PortContract> resolved =
                contracts.resolve(descriptor, bundled, mapper.descriptor(base), base.version, submission.form());
        Optional<ProductVersionEntity> released = ProductMapper.latestReleased(existing);
        List<Finding> findings = released.map(
                        r -> detector.compare(withoutStatus(mapper.descriptor(r)), withoutStatus(descriptor)))
                .orElse(List.of());
        if (sameVersion.isPresent()) {
            ProductVersionEntity target = sameVersion.get();
            if (target.descriptorHash.equals(hash(descriptor))) {
                return new Plan(
                        ApplyResult.UNCHANGED,
                        productId,
                        domainId,
                        version,
                        descriptor,
                        product,
                        existing,
                        target,
                        null,
                        List.of(),
                        mapper.findings(target),
                        warnings,
                        resolved);
            }
            if (!target.status.isEditable()) {
                throw immutable(target);
            }
            requireMajorForBreaks(version, released, findings);
            var changes = DescriptorDiff.between(withoutStatus(mapper.descriptor(target)), withoutStatus(descriptor));
            return new Plan(
                    ApplyResult.UPDATED,
                    productId,
                    domainId,
                    version,
                    descriptor,
                    product,
                    existing,
                    target,
                    null,
                    changes,
                    findings,
                    warnings,
                    resolved);
        }
        SemanticVersion newest = SemanticVersion.parse(head.version);
        Optional<ProductVersionEntity> open = ProductMapper.openVersion(existing);
        if (open.isPresent() && open.get().status == Lifecycle.PENDING_APPROVAL) {
            throw ApiException.conflict("Version " + open.get().version + " is waiting for approval; wait for the"
                    + " decision or withdraw it (transition to DRAFT) before applying version " + version + ".");
        }
        ProductVersionEntity replaced = open.orElse(null);
        SemanticVersion floor = replaced == null
                ? newest
                : released.map(r -> SemanticVersion.parse(r.version)).orElse(null);
        if (floor != null && version.compareTo(floor) <= 0) {
            throw ApiException.invalidField(
                    "/version",
                    "version " + version + " must be greater than " + floor + ", the newest "
                            + (replaced == null ? "version" : "released version"));
        }
        requireMajorForBreaks(version, released, findings);
        var changes = DescriptorDiff.between(withoutStatus(mapper.descriptor(head)), withoutStatus(descriptor));
        return new Plan(
                ApplyResult.VERSION_CREATED,
                productId,
                domainId,
                version,
                descriptor,
                product,
                existing,
                null,
                replaced,
                changes,
                findings,
                warnings,
                resolved);
    }

    private ProductEntity execute(Plan plan) {
        Instant now = Instant.now();
        ProductEntity product = plan.product();
        DescriptorView view = new DescriptorView(plan.descriptor());
        String name = view.name() == null || view.name().isBlank() ? plan.productId() : view.name();
        ProductVersionEntity target = plan.target();
        String kind;
        EventType type;
        if (product == null) {
            product = new ProductEntity();
            product.id = plan.productId();
            product.domainId = plan.domainId();
            product.createdAt = now;
            product.sequence = 0;
            kind = ProductStateV1.ChangeKinds.CREATED;
            type = EventType.PRODUCT_CREATED;
        } else if (target != null) {
            kind = ProductStateV1.ChangeKinds.DRAFT_UPDATED;
            type = EventType.PRODUCT_UPDATED;
        } else {
            kind = ProductStateV1.ChangeKinds.VERSION_CREATED;
            type = EventType.PRODUCT_UPDATED;
        }
        product.name = name;
        product.sequence++;
        product.updatedAt = now;
        if (plan.product() == null) {
            products.persist(product);
        }
        if (plan.replacedDraft() != null) {
            ports.deleteVersion(product.id, plan.replacedDraft().version);
            versions.delete(plan.replacedDraft());
            versions.flush();
        }
        if (target == null) {
            target = new ProductVersionEntity();
            target.productId = product.id;
            target.version = plan.version().toString();
            target.versionKey = plan.version().sortKey();
            target.status = Lifecycle.DRAFT;
            target.createdAt = now;
            target.createdBy = caller.name();
            target.statusChangedAt = now;
        }
        target.descriptor = plan.descriptor().toString();
        target.descriptorText = plan.descriptor().toString();
        target.descriptorHash = hash(plan.descriptor());
        target.findings = mapper.write(plan.findings());
        target.updatedAt = now;
        if (plan.target() == null) {
            versions.persist(target);
        }
        if (plan.target() != null) {
            ports.deleteVersion(product.id, target.version);
        }
        for (DescriptorView.OutputPortView port : view.outputPorts()) {
            OutputPortEntity row = new OutputPortEntity();
            row.productId = product.id;
            row.productVersion = target.version;
            row.name = port.name();
            row.portVersion = port.version() == null ? "" : port.version();
            row.portType = port.type();
            row.contractId = port.contractId();
            ports.persist(row);
        }
        try {
            products.flush();
        } catch (PersistenceException e) {
            throw ApiException.conflict("Product '" + product.id + "' was written by someone else at the same time;"
                    + " read it again and reapply.");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", plan.outcome());
        detail.put("version", target.version);
        detail.put("changes", plan.changes().size());
        if (plan.replacedDraft() != null) {
            detail.put("replacedDraft", plan.replacedDraft().version);
        }
        audit.record("product." + plan.outcome().toLowerCase(java.util.Locale.ROOT), "product", product.id, detail);
        publish(
                type,
                product,
                versions.ofProduct(product.id),
                new ProductStateV1.Change(kind, target.version, null, null, caller.name(), null));
        return product;
    }

    private void publish(
            EventType type, ProductEntity product, List<ProductVersionEntity> all, ProductStateV1.Change change) {
        outbox.enqueue(type, product.id, product.sequence, mapper.state(product, all, change));
    }

    private void validate(ObjectNode descriptor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Violation v : codec.validateDescriptor(descriptor)) {
            errors.add(new Problem.FieldError(v.path(), v.message()));
        }
        JsonNode version = descriptor.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            errors.add(new Problem.FieldError("/version", "a semantic version such as 1.0.0 is required"));
        } else {
            try {
                SemanticVersion.parse(version.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("/version", e.getMessage()));
            }
        }
        JsonNode domain = descriptor.get("domain");
        if (domain == null || !domain.isTextual() || domain.asText().isBlank()) {
            errors.add(new Problem.FieldError("/domain", "name the owning domain"));
        }
        duplicates(descriptor.path("outputPorts"), "/outputPorts", errors);
        duplicates(descriptor.path("inputPorts"), "/inputPorts", errors);
        JsonNode outputs = descriptor.path("outputPorts");
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode port = outputs.get(i);
            JsonNode contractId = port.get("contractId");
            JsonNode contract = port.path("contract").path("id");
            if (contractId != null
                    && contractId.isTextual()
                    && contract.isTextual()
                    && !contractId.asText().equals(contract.asText())) {
                errors.add(new Problem.FieldError(
                        "/outputPorts/" + i + "/contractId",
                        "contractId " + UserText.quote(contractId.asText()) + " differs from the inline contract's id "
                                + UserText.quote(contract.asText())));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(Problem.FieldError::path));
            throw ApiException.validation(
                    "The descriptor has " + errors.size() + " problem(s); each entry in `errors` names the field.",
                    errors);
        }
    }

    /** As in ODPS, name and version together identify a port; the same pair twice is ambiguous. */
    private static void duplicates(JsonNode ports, String base, List<Problem.FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode name = ports.get(i).path("name");
            String version = ports.get(i).path("version").asText("");
            if (name.isTextual() && !seen.add(name.asText() + "\u0000" + version)) {
                errors.add(new Problem.FieldError(
                        base + "/" + i + "/name",
                        "port " + UserText.quote(name.asText()) + " version " + UserText.quote(version)
                                + " is listed twice; name and version together must be unique"));
            }
        }
    }

    /** Contract ids belong to one product; unresolved input ports are worth a warning, not a refusal. */
    private List<String> checkPorts(String productId, DescriptorView view) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<DescriptorView.OutputPortView> outputs = view.outputPorts();
        for (int i = 0; i < outputs.size(); i++) {
            String contractId = outputs.get(i).contractId();
            if (contractId == null) {
                continue;
            }
            for (OutputPortEntity other : ports.withContract(contractId)) {
                if (!other.productId.equals(productId)) {
                    errors.add(new Problem.FieldError(
                            "/outputPorts/" + i + "/contractId",
                            "contract " + UserText.quote(contractId) + " already belongs to port "
                                    + UserText.quote(other.name) + " of product '" + other.productId
                                    + "'; give this contract its own id"));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("Contract ids must be unique across products.", errors);
        }
        List<String> warnings = new ArrayList<>();
        for (DescriptorView.InputPortRef input : view.inputPorts()) {
            if (input.contractId() != null
                    && ports.withContract(input.contractId()).isEmpty()) {
                warnings.add("input port " + UserText.quote(input.name()) + " refers to contract "
                        + UserText.quote(input.contractId())
                        + ", which no registered output port carries yet; lineage links it once one does");
            }
        }
        return warnings;
    }

    private void requireMajorForBreaks(
            SemanticVersion version, Optional<ProductVersionEntity> released, List<Finding> findings) {
        if (released.isEmpty() || !BreakingChangeDetector.hasBreaking(findings)) {
            return;
        }
        SemanticVersion baseline = SemanticVersion.parse(released.get().version);
        if (!version.isMajorBumpOver(baseline)) {
            throw breaking(baseline, version, findings, released.get());
        }
    }

    private void requireNoUnannouncedBreak(ProductVersionEntity target, List<ProductVersionEntity> all) {
        Optional<ProductVersionEntity> released = ProductMapper.latestReleased(all);
        if (released.isEmpty()) {
            return;
        }
        List<Finding> findings = detector.compare(
                withoutStatus(mapper.descriptor(released.get())), withoutStatus(mapper.descriptor(target)));
        requireMajorForBreaks(SemanticVersion.parse(target.version), released, findings);
    }

    /**
     * The 422 for a breaking change that keeps the major version. Each breaking finding is listed under
     * {@code breaking} with the consumers it hits (declared input ports and ACTIVE access grants), and the
     * detail names them, so the owner knows whom the change would break before deciding how to ship it.
     */
    private ApiException breaking(
            SemanticVersion baseline, SemanticVersion version, List<Finding> findings, ProductVersionEntity released) {
        List<Finding> breaking = findings.stream()
                .filter(f -> f.severity() == dev.tessera.registry.contract.Severity.BREAKING)
                .toList();
        List<AffectedConsumers.Hit> hits = affected.of(released.productId, mapper.descriptor(released), breaking);
        java.util.Set<String> hit = new java.util.LinkedHashSet<>();
        hits.forEach(h -> h.consumers().forEach(c -> hit.add(c.describe())));
        String whom = hit.isEmpty()
                ? " No consumer is known to be hit: no other product's input port names the changed ports' contracts"
                        + " and no access grant to them is active."
                : " It would break " + hit.size() + " consumer(s): " + String.join("; ", hit) + ".";
        return new ApiException(
                ProblemType.BREAKING_CHANGE,
                breaking.size() + " breaking change(s) against published version " + baseline + ", but " + version
                        + " keeps major version " + baseline.major() + "." + whom + " Bump the major version (to "
                        + (baseline.major() + 1) + ".0.0) or undo the breaking changes listed in `findings`.",
                hits.stream()
                        .map(h -> new Problem.FieldError(
                                h.path(),
                                h.message()
                                        + (h.consumers().isEmpty()
                                                ? " No known consumer."
                                                : " Hits "
                                                        + String.join(
                                                                "; ",
                                                                h.consumers().stream()
                                                                        .map(AffectedConsumers.Consumer::describe)
                                                                        .toList())
                                                        + ".")))
                        .toList(),
                Map.of("findings", findings, "publishedVersion", baseline.toString(), "breaking", hits));
    }

    private void authorizeTransition(ProductEntity product, Lifecycle from, Lifecycle to) {
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

    private static ApiException immutable(ProductVersionEntity target) {
        return new ApiException(
                ProblemType.IMMUTABLE_VERSION,
                "Version " + target.version + " is " + target.status + " and cannot change. Bump `version` in the"
                        + " descriptor to open a new draft.",
                List.of(new Problem.FieldError("/version", "version " + target.version + " is " + target.status)),
                Map.of("status", target.status.name()));
    }

    private static SemanticVersion parseVersion(String text, String path) {
        try {
            return SemanticVersion.parse(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalidField(path, UserText.quote(text) + " is not a semantic version such as 1.4.0");
        }
    }

    private static JsonNode withoutStatus(JsonNode descriptor) {
        if (!descriptor.isObject()) {
            return descriptor;
        }
        ObjectNode copy = ((ObjectNode) descriptor).deepCopy();
        copy.remove("status");
        return copy;
    }

    /** Hash of the descriptor ignoring key order and the owner-written status. */
    private String hash(JsonNode descriptor) {
        try {
            byte[] canonical = json.writer()
                    .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(json.treeToValue(withoutStatus(descriptor), Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.http.problem.UserText;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.OutputPortEntity;
import dev.tessera.registry.product.repository.OutputPortRepository;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductRepository;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.repository.ProductVersionRepository;
import dev.tessera.registry.standard.DescriptorCodec;
import dev.tessera.registry.standard.DescriptorView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Data products as code. {@link #apply} takes a full descriptor and creates or updates the product idempotently; every
 * write is planned completely ({@link ApplyPlanner}) before anything is stored, runs in one transaction with its audit
 * entry and outbox event, and is refused whole when any rule fails. A dry run plans and reports, and writes nothing.
 */
@ApplicationScoped
public class ProductApply {

    @Inject
    ApplyPlanner planner;

    @Inject
    ProductQueries queries;

    @Inject
    ProductRepository products;

    @Inject
    ProductVersionRepository versions;

    @Inject
    OutputPortRepository ports;

    @Inject
    DescriptorCodec codec;

    @Inject
    DescriptorContent content;

    @Inject
    ProductMapper mapper;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    ProductEvents events;

    /**
     * Creates or updates a product from a full descriptor. The same descriptor applied twice is UNCHANGED the second
     * time. With {@code dryRun} everything is checked and reported, nothing stored.
     */
    @Transactional
    public ApplyOutcome apply(String productId, JsonNode body, boolean dryRun, String ifMatch) {
        return apply(productId, Submission.descriptor(body), dryRun, ifMatch);
    }

    /**
     * Creates or updates a product from a descriptor or a bundle (see {@link Submission}); contracts a port names by
     * {@code contractId} alone are resolved first ({@link ContractResolver}), then everything is checked as one
     * descriptor. With {@code dryRun} everything is checked and reported, nothing stored.
     */
    @Transactional
    public ApplyOutcome apply(String productId, Submission submission, boolean dryRun, String ifMatch) {
        ApplyPlan plan = planner.plan(productId, submission, dryRun, ifMatch);
        if (dryRun) {
            return ApplyOutcome.checked(plan);
        }
        if (plan.kind() == ApplyOutcome.Kind.UNCHANGED) {
            return ApplyOutcome.unchanged(plan);
        }
        ProductEntity product = execute(plan);
        return ApplyOutcome.written(plan, product, versions.ofProduct(product.id));
    }

    /** Replaces the contract of one output port of the open draft version with an ODCS document. */
    @Transactional
    public ApplyOutcome attachContract(
            String productId, String version, String portName, JsonNode odcs, boolean dryRun, String ifMatch) {
        ProductVersionEntity target = queries.anyVersion(productId, version);
        if (!target.status.isEditable()) {
            throw ProductProblems.immutable(target);
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

    /**
     * Writes what the plan decided: the product row, the version (a new DRAFT, replacing the open draft if the plan
     * says so, or the rewritten draft), its output ports, then the audit entry and the outbox event. A concurrent
     * write that slipped past the plan's lock (two first writes of one product) fails the flush and becomes a 409.
     */
    private ProductEntity execute(ApplyPlan plan) {
        Instant now = Instant.now();
        ProductEntity product = plan.product();
        CheckedDescriptor checked = plan.checked();
        DescriptorView view = new DescriptorView(checked.descriptor());
        String name = view.name() == null || view.name().isBlank() ? checked.productId() : view.name();
        ProductVersionEntity target = plan.target();
        String kind;
        EventType type;
        if (product == null) {
            product = new ProductEntity();
            product.id = checked.productId();
            product.domainId = checked.domainId();
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
            target.version = checked.version().toString();
            target.versionKey = checked.version().sortKey();
            target.status = Lifecycle.DRAFT;
            target.createdAt = now;
            target.createdBy = caller.name();
            target.statusChangedAt = now;
        }
        target.descriptor = checked.descriptor().toString();
        target.descriptorText = checked.descriptor().toString();
        target.descriptorHash = content.hash(checked.descriptor());
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
        detail.put("outcome", plan.kind().name());
        detail.put("version", target.version);
        detail.put("changes", plan.changes().size());
        if (plan.replacedDraft() != null) {
            detail.put("replacedDraft", plan.replacedDraft().version);
        }
        audit.record("product." + plan.kind().name().toLowerCase(Locale.ROOT), "product", product.id, detail);
        events.publish(
                type,
                product,
                versions.ofProduct(product.id),
                new ProductStateV1.Change(kind, target.version, null, null, caller.name(), null));
        return product;
    }
}

package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.standards.descriptor.DescriptorCodec;
import dev.tessera.standards.text.UserText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Data products as code. {@link #apply} takes a full descriptor and creates or updates the product idempotently; every
 * write is planned completely ({@link ApplyPlanner}) before anything is stored, is committed with its audit entry and
 * outbox event, and is refused whole when any rule fails. A dry run plans and reports, and writes nothing.
 *
 * <p>The descriptor is read and checked on the caller's thread; the write itself joins the group commit
 * ({@link ApplyQueue}), so concurrent applies of different products share one transaction.
 */
@ApplicationScoped
public class ProductApply {

    @Inject
    DescriptorChecks checks;

    @Inject
    ApplyQueue queue;

    @Inject
    ApplyWriter writer;

    @Inject
    ProductQueries queries;

    @Inject
    DescriptorCodec codec;

    @Inject
    ProductMapper mapper;

    @Inject
    AuditLog audit;

    /**
     * Creates or updates a product from a full descriptor. The same descriptor applied twice is UNCHANGED the second
     * time. With {@code dryRun} everything is checked and reported, nothing stored.
     */
    public ApplyOutcome apply(String productId, JsonNode body, boolean dryRun, String ifMatch) {
        return apply(productId, Submission.descriptor(body), dryRun, ifMatch);
    }

    /**
     * Creates or updates a product from a descriptor or a bundle (see {@link Submission}); contracts a port names by
     * {@code contractId} alone are resolved first ({@link ContractResolver}), then everything is checked as one
     * descriptor. With {@code dryRun} everything is checked and reported, nothing stored.
     */
    public ApplyOutcome apply(String productId, Submission submission, boolean dryRun, String ifMatch) {
        ApplyWriter.Pending write = pending(checks.check(productId, submission), ifMatch);
        return dryRun ? writer.check(List.of(write)).getFirst().get() : queue.submit(write);
    }

    /** Replaces the contract of one output port of the open draft version with an ODCS document. */
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

    /** A checked write with what the caller's request holds, so that it can be written on another thread. */
    ApplyWriter.Pending pending(CheckedDescriptor checked, String ifMatch) {
        return new ApplyWriter.Pending(checked, ifMatch, audit.currentActor(), Outbox.currentTraceparent());
    }
}

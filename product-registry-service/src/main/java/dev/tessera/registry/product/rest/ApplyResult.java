package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.platform.web.ETags;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.service.ApplyOutcome;
import dev.tessera.registry.product.service.DescriptorDiff;
import dev.tessera.registry.product.service.PortContract;
import dev.tessera.standards.contract.Finding;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * What applying a descriptor did, or (in a dry run) would do.
 *
 * @param outcome CREATED, VERSION_CREATED, UPDATED or UNCHANGED
 * @param dryRun true if nothing was written
 * @param productId the product
 * @param version the version the descriptor was applied to
 * @param changes differences against what the version (or, for a new version, the previous newest one) held
 * @param findings breaking-change findings against the latest published version
 * @param warnings things worth fixing that do not block the write (for example unresolved input ports)
 * @param contracts the contract each output port carries and where it came from (inline, a bundle document, kept from
 *     the version the write builds on)
 * @param product the product after the write; absent in a dry run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplyResult(
        String outcome,
        boolean dryRun,
        String productId,
        String version,
        List<DescriptorDiff.Change> changes,
        List<Finding> findings,
        List<String> warnings,
        List<PortContract> contracts,
        ProductResponse product) {

    /** The answer for an apply's outcome, with the product as the API shows it when there is one. */
    static ApplyResult of(ApplyOutcome outcome, ProductMapper mapper) {
        return new ApplyResult(
                outcome.kind().name(),
                outcome.dryRun(),
                outcome.productId(),
                outcome.version().toString(),
                outcome.changes(),
                outcome.findings(),
                outcome.warnings(),
                outcome.contracts(),
                outcome.product()
                        .map(stored -> mapper.product(stored.product(), stored.versions()))
                        .orElse(null));
    }

    /** The HTTP answer for an apply: 201 when a product was created, 200 otherwise, with the ETag when stored. */
    Response toResponse() {
        Response.ResponseBuilder response = Response.status(
                        !dryRun && outcome.equals(ApplyOutcome.Kind.CREATED.name()) ? 201 : 200)
                .entity(this);
        if (product != null) {
            response.tag(ETags.of(product.sequence()));
        }
        return response.build();
    }
}

package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.registry.contract.Finding;
import dev.tessera.registry.product.service.DescriptorDiff;
import dev.tessera.registry.product.service.PortContract;
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

    public static final String CREATED = "CREATED";
    public static final String VERSION_CREATED = "VERSION_CREATED";
    public static final String UPDATED = "UPDATED";
    public static final String UNCHANGED = "UNCHANGED";

    /** The HTTP answer for an apply: 201 when a product was created, 200 otherwise, with the ETag when stored. */
    jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response.ResponseBuilder response = jakarta.ws.rs.core.Response.status(
                        !dryRun && outcome.equals(CREATED) ? 201 : 200)
                .entity(this);
        if (product != null) {
            response.tag(dev.tessera.platform.web.ETags.of(product.sequence()));
        }
        return response.build();
    }
}

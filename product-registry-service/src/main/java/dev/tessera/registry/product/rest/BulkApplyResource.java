package dev.tessera.registry.product.rest;

import dev.tessera.registry.product.service.BulkApply;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Many product descriptors applied in one call, each decided on its own. */
@Path("/api/registry/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data products")
public class BulkApplyResource {

    @Inject
    BulkApply bulk;

    @POST
    @Path("products/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Apply many product descriptors in one call",
            description = "Body: {\"items\":[{\"id\":\"<product id>\",\"descriptor\":\"<ODPS descriptor as YAML or"
                    + " JSON text, or a bundle as a YAML stream>\"}]}, at most 1,000 items and 16 MiB (413 beyond),"
                    + " each descriptor within the 1 MiB of a PUT. Each item is checked, authorized and decided as"
                    + " PUT /products/{id} would decide it (without If-Match): CREATED, VERSION_CREATED, UPDATED,"
                    + " UNCHANGED, or REFUSED with the problem the PUT would have answered; a refused item does not"
                    + " stop the others. A product may appear once per call. The answer counts each outcome in"
                    + " `summary` and lists `results` in the order sent. dryRun=true decides every item and stores"
                    + " nothing.")
    public BulkApplyResult apply(@QueryParam("dryRun") boolean dryRun, byte[] body) {
        return BulkApplyResult.of(bulk.apply(body, dryRun));
    }
}

package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.service.DescriptorInput;
import dev.tessera.registry.product.service.ProductApply;
import dev.tessera.registry.product.service.ProductQueries;
import dev.tessera.registry.product.service.Submission;
import dev.tessera.standards.descriptor.DescriptorCodec;
import dev.tessera.standards.text.UserText;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Open Data Product Standard and Open Data Contract Standard documents in and out. */
@Path("/api/registry/v1")
@Tag(name = "ODPS / ODCS")
public class StandardsResource {

    @Inject
    ProductApply applies;

    @Inject
    ProductQueries queries;

    @Inject
    ProductMapper mapper;

    @Inject
    DescriptorCodec codec;

    @Inject
    DescriptorInput input;

    @Inject
    Representations representations;

    @POST
    @Path("import/odps")
    @Consumes({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML, "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import an ODPS v1.0.0 document",
            description = "Creates or updates the product it describes (apply semantics). Fields ODPS does not define"
                    + " are kept as customProperties. `domain` and `version` fill in the owning domain and the"
                    + " product version when the document has none (ODPS makes both optional). A port whose"
                    + " contractId is unchanged keeps the contract it carries; one the registry does not know stays"
                    + " a reference without a contract.")
    public Response importOdps(
            @QueryParam("domain") String domain,
            @QueryParam("version") @DefaultValue("1.0.0") String version,
            @QueryParam("dryRun") boolean dryRun,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        JsonNode document = input.read(body, contentType);
        ObjectNode descriptor = codec.importOdps(document);
        if (domain != null && !descriptor.hasNonNull("domain")) {
            descriptor.put("domain", domain);
        }
        if (!descriptor.hasNonNull("version")) {
            descriptor.put("version", version);
        }
        JsonNode id = descriptor.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiException.invalidField("/id", "an ODPS document needs an id; it becomes the product id");
        }
        return ApplyResult.of(applies.apply(id.asText(), Submission.odpsImport(descriptor), dryRun, null), mapper)
                .toResponse();
    }

    @GET
    @Path("products/{id}/versions/{version}/odps")
    @Produces({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML})
    @Operation(summary = "Export a version as an ODPS v1.0.0 document (contracts referenced by contractId)")
    public Response exportOdps(
            @PathParam("id") String id, @PathParam("version") String version, @Context HttpHeaders headers) {
        ProductVersionEntity v = queries.version(id, version);
        return representations
                .document(codec.exportOdps(mapper.descriptor(v), v.status.odpsStatus()), headers)
                .build();
    }

    @GET
    @Path("products/{id}/versions/{version}/ports/{port}/odcs")
    @Produces({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML})
    @Operation(summary = "Export one output port's data contract as an ODCS v3.1.0 document")
    public Response exportOdcs(
            @PathParam("id") String id,
            @PathParam("version") String version,
            @PathParam("port") String port,
            @Context HttpHeaders headers) {
        ProductVersionEntity v = queries.version(id, version);
        ObjectNode contract = codec.exportOdcs(mapper.descriptor(v), port)
                .orElseThrow(() -> ApiException.notFound("Version " + v.version + " of '" + id + "' has no output port "
                        + UserText.quote(port) + " with a contract."));
        return representations.document(contract, headers).build();
    }

    @PUT
    @Path("products/{id}/versions/{version}/ports/{port}/contract")
    @Consumes({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML, "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import an ODCS v3.1.0 contract onto an output port of a draft version",
            description = "Replaces the port's contract; breaking-change rules apply as for any draft change.")
    public Response importOdcs(
            @PathParam("id") String id,
            @PathParam("version") String version,
            @PathParam("port") String port,
            @QueryParam("dryRun") boolean dryRun,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        return ApplyResult.of(
                        applies.attachContract(id, version, port, input.read(body, contentType), dryRun, ifMatch),
                        mapper)
                .toResponse();
    }
}

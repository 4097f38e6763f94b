package dev.tessera.registry.product.rest;

import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.ETags;
import dev.tessera.platform.web.Page;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.service.DescriptorInput;
import dev.tessera.registry.product.service.ProductApply;
import dev.tessera.registry.product.service.ProductLifecycle;
import dev.tessera.registry.product.service.ProductQueries;
import dev.tessera.registry.product.service.VersionDiff;
import dev.tessera.standards.text.UserText;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Data products as code: apply, read, history, diff, lifecycle, ODPS/ODCS import and export. */
@Path("/api/registry/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data products")
public class ProductResource {

    static final String[] DESCRIPTOR_TYPES = {
        MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML, "application/x-yaml", "text/yaml"
    };

    @Inject
    ProductApply applies;

    @Inject
    ProductQueries queries;

    @Inject
    ProductLifecycle lifecycle;

    @Inject
    ProductMapper mapper;

    @Inject
    DescriptorInput input;

    @Inject
    Representations representations;

    @PUT
    @Path("products/{id}")
    @Consumes({
        MediaType.APPLICATION_JSON,
        Representations.APPLICATION_YAML,
        "application/x-yaml",
        "text/yaml",
        Representations.BUNDLE_YAML
    })
    @Operation(
            summary = "Apply a product descriptor or bundle (create or update)",
            description = "Takes a full ODPS v1.0.0 descriptor whose output ports may carry inline ODCS v3.1.0"
                    + " contracts, as JSON or YAML; or a bundle: a YAML stream (---) of the ODPS product followed"
                    + " by the ODCS contracts its ports name by contractId. A port whose contractId is unchanged"
                    + " keeps the contract it carries. Idempotent: the same descriptor twice is UNCHANGED."
                    + " dryRun=true reports what would change, including which contract lands on which port, and"
                    + " stores nothing. Honours If-Match.")
    public Response apply(
            @PathParam("id") String id,
            @QueryParam("dryRun") boolean dryRun,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        return ApplyResult.of(applies.apply(id, input.submission(body, contentType), dryRun, ifMatch), mapper)
                .toResponse();
    }

    @GET
    @Path("products")
    @Operation(
            summary = "List products",
            description = "Filter by domain and by the status of the newest version; cursor-paged.")
    public Page<ProductSummary> list(
            @QueryParam("domain") String domain,
            @QueryParam("status") String status,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        List<ProductEntity> rows = queries.page(
                domain, status == null ? null : lifecycleState(status, "status"), Cursors.decode(cursor), size + 1);
        List<ProductEntity> page = rows.stream().limit(size).toList();
        Map<String, List<ProductVersionEntity>> versions = queries.versionsOf(page);
        List<ProductSummary> items = page.stream()
                .map(p -> mapper.summaryLine(p, versions.get(p.id)))
                .toList();
        return new Page<>(items, rows.size() > size ? Cursors.encode(page.getLast().id) : null);
    }

    @GET
    @Path("products/{id}")
    @Operation(summary = "Read a product with its versions and newest descriptor")
    public Response get(@PathParam("id") String id) {
        ProductEntity product = queries.get(id);
        return Response.ok(mapper.product(product, queries.history(id)))
                .tag(ETags.of(product.sequence))
                .build();
    }

    @GET
    @Path("products/{id}/descriptor")
    @Produces({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML, Representations.BUNDLE_YAML})
    @Operation(summary = "The newest version's descriptor, as JSON or YAML, or as a bundle (ODPS, then each ODCS)")
    public Response descriptor(@PathParam("id") String id, @Context HttpHeaders headers) {
        ProductEntity product = queries.get(id);
        ProductVersionEntity head = queries.history(id).getLast();
        return representations
                .descriptor(mapper.descriptor(head), headers)
                .tag(ETags.of(product.sequence))
                .build();
    }

    @GET
    @Path("products/{id}/versions")
    @Operation(summary = "Version history, oldest first")
    public List<VersionSummary> versions(@PathParam("id") String id) {
        return queries.history(id).stream().map(mapper::summary).toList();
    }

    @GET
    @Path("products/{id}/versions/{version}")
    @Operation(summary = "One version with its descriptor and breaking-change findings")
    public VersionResponse version(@PathParam("id") String id, @PathParam("version") String version) {
        return mapper.version(queries.version(id, version));
    }

    @GET
    @Path("products/{id}/versions/{version}/descriptor")
    @Produces({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML, Representations.BUNDLE_YAML})
    @Operation(summary = "One version's descriptor, as JSON or YAML, or as a bundle (ODPS, then each ODCS)")
    public Response versionDescriptor(
            @PathParam("id") String id, @PathParam("version") String version, @Context HttpHeaders headers) {
        return representations
                .descriptor(mapper.descriptor(queries.version(id, version)), headers)
                .build();
    }

    @GET
    @Path("products/{id}/diff")
    @Operation(summary = "Structured diff and breaking-change findings between two versions")
    public VersionDiff diff(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw ApiException.invalidField(from == null ? "from" : "to", "name both versions: ?from=1.0.0&to=1.1.0");
        }
        return queries.diff(id, from, to);
    }

    @POST
    @Path("products/{id}/versions/{version}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Move a version in the lifecycle",
            description =
                    "DRAFT -> PENDING_APPROVAL -> PUBLISHED -> DEPRECATED -> RETIRED, and PENDING_APPROVAL -> DRAFT"
                            + " when rejected or withdrawn. Illegal moves are 409 with the allowed ones listed.")
    public Response transition(
            @PathParam("id") String id,
            @PathParam("version") String version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TransitionRequest request) {
        ProductEntity product = lifecycle.transition(
                id,
                version,
                lifecycleState(request.to(), "/to"),
                request.reasons(),
                request.sunsetDate(),
                request.successor(),
                ifMatch);
        return Response.ok(mapper.product(product, queries.history(id)))
                .tag(ETags.of(product.sequence))
                .build();
    }

    private static Lifecycle lifecycleState(String value, String path) {
        try {
            return Lifecycle.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(
                    path,
                    UserText.quote(value) + " is not a lifecycle state; use one of "
                            + Arrays.toString(Lifecycle.values()));
        }
    }
}

package dev.tessera.registry.domain.rest;

import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.ETags;
import dev.tessera.platform.web.Page;
import dev.tessera.registry.domain.repository.DomainEntity;
import dev.tessera.registry.domain.service.DomainService;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Domains: the units of ownership in the mesh. */
@Path("/api/registry/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Domains")
public class DomainResource {

    private final DomainService service;

    public DomainResource(DomainService service) {
        this.service = service;
    }

    @POST
    @Path("domains")
    @Operation(summary = "Create a domain (platform admins)")
    public Response create(@Valid @NotNull DomainRequest request) {
        DomainEntity created = service.create(request.definition()).domain();
        return Response.created(URI.create("/api/registry/v1/domains/" + created.id))
                .tag(ETags.of(created.sequence))
                .entity(toResponse(created))
                .build();
    }

    @PUT
    @Path("domains/{id}")
    @Operation(
            summary = "Create or update a domain",
            description = "Admins create; admins and the domain's owners update. Honours If-Match.")
    public Response put(
            @PathParam("id") String id,
            @Valid @NotNull DomainRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var written = service.put(id, request.definition(), ifMatch);
        return Response.status(written.created() ? Response.Status.CREATED : Response.Status.OK)
                .tag(ETags.of(written.domain().sequence))
                .entity(toResponse(written.domain()))
                .build();
    }

    @GET
    @Path("domains/{id}")
    @Operation(summary = "Read a domain")
    public Response get(@PathParam("id") String id) {
        DomainEntity domain = service.get(id);
        return Response.ok(toResponse(domain)).tag(ETags.of(domain.sequence)).build();
    }

    @GET
    @Path("domains")
    @Operation(summary = "List domains", description = "Cursor-paged in id order.")
    public Page<DomainResponse> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        List<DomainEntity> rows = service.page(Cursors.decode(cursor), size + 1);
        List<DomainResponse> items =
                rows.stream().limit(size).map(DomainResource::toResponse).toList();
        String next = rows.size() > size ? Cursors.encode(items.getLast().id()) : null;
        return new Page<>(items, next);
    }

    static DomainResponse toResponse(DomainEntity d) {
        return new DomainResponse(
                d.id, d.name, d.description, d.ownerGroup, d.parentId, d.sequence, d.createdAt, d.updatedAt);
    }
}

package dev.tessera.governance.access.rest;

import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.governance.access.repository.AccessRequestEntity;
import dev.tessera.governance.access.repository.AccessStatus;
import dev.tessera.governance.access.service.AccessRequestService;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Access requests to output ports: request, decide, provision, revoke; expiry happens on its own. */
@Path("/api/governance/v1/access-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access requests")
public class AccessRequestResource {

    private final AccessRequestService service;

    public AccessRequestResource(AccessRequestService service) {
        this.service = service;
    }

    /** An access request as served: its published state plus who may approve it. */
    public record AccessRequestResponse(AccessRequestStateV1 request, List<String> namedApprovers) {}

    @POST
    @Operation(
            summary = "Request access to an output port",
            description = "Approved at once when the port's contract has customProperty accessPolicy: auto-approve.")
    public Response create(@NotNull AccessRequestInput input) {
        AccessRequestEntity r = service.create(input.draft());
        return Response.created(URI.create("/api/governance/v1/access-requests/" + r.id))
                .entity(response(r))
                .build();
    }

    @GET
    @Operation(summary = "Requests the caller made or may decide (all of them for officers and admins)")
    public Page<AccessRequestResponse> list(
            @QueryParam("status") String status,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        List<AccessRequestEntity> rows =
                service.page(status(status), cursor == null ? null : Cursors.decode(cursor), size + 1);
        List<AccessRequestResponse> items =
                rows.stream().limit(size).map(this::response).toList();
        String next =
                rows.size() > size ? Cursors.encode(items.getLast().request().requestId()) : null;
        return new Page<>(items, next);
    }

    @GET
    @Path("{id}")
    public AccessRequestResponse get(@PathParam("id") String id) {
        return response(service.get(id));
    }

    @POST
    @Path("{id}/decision")
    @Operation(summary = "Approve or reject (the owning domain's owners and the contract's named approvers)")
    public AccessRequestResponse decide(@PathParam("id") String id, @NotNull StepInput step) {
        return response(service.decide(id, status(step.status(), "/status"), step.reason()));
    }

    @POST
    @Path("{id}/provisioning")
    @Operation(summary = "A provisioner reports the grant ACTIVE or FAILED")
    public AccessRequestResponse provisioned(@PathParam("id") String id, @NotNull StepInput step) {
        return response(service.provisioned(id, status(step.status(), "/status"), step.reason()));
    }

    @POST
    @Path("{id}/revocation")
    @Operation(summary = "End access before its time (approvers, or the consumer giving it up)")
    public AccessRequestResponse revoke(@PathParam("id") String id, @NotNull StepInput step) {
        return response(service.revoke(id, step.reason()));
    }

    private AccessRequestResponse response(AccessRequestEntity r) {
        return new AccessRequestResponse(service.state(r), service.approvers(r));
    }

    private static AccessStatus status(String value) {
        return value == null ? null : status(value, "/status");
    }

    private static AccessStatus status(String value, String path) {
        try {
            return AccessStatus.valueOf(String.valueOf(value).strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(path, "one of " + List.of(AccessStatus.values()));
        }
    }
}

package dev.tessera.catalog.webhook.rest;

import dev.tessera.catalog.webhook.repository.DeliveryEntity;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.catalog.webhook.service.SubscriptionService;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** Webhook subscriptions, their delivery logs and manual redelivery. */
@Path("/api/catalog/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    @Inject
    SubscriptionService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid SubscriptionRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        SubscriptionEntity s = service.create(request);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                .entity(SubscriptionResponse.of(s))
                .build();
    }

    @GET
    public Page<SubscriptionResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit);
        List<SubscriptionEntity> rows = service.page(uuid(Cursors.decode(cursor), "cursor"), size + 1);
        List<SubscriptionResponse> items =
                rows.stream().limit(size).map(SubscriptionResponse::of).toList();
        return new Page<>(
                items, rows.size() > size ? Cursors.encode(items.getLast().id().toString()) : null);
    }

    @GET
    @Path("/{id}")
    public SubscriptionResponse get(@PathParam("id") String id) {
        return SubscriptionResponse.of(service.get(uuid(id, "id")));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        service.delete(uuid(id, "id"));
        return Response.noContent().build();
    }

    /** The delivery log, newest first. */
    @GET
    @Path("/{id}/deliveries")
    public Page<DeliveryResponse> deliveries(
            @PathParam("id") String id, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit);
        String before = Cursors.decode(cursor);
        Long beforeId;
        try {
            beforeId = before == null ? null : Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "Pass back the `next` value of a previous page unchanged.");
        }
        List<DeliveryEntity> rows = service.log(uuid(id, "id"), beforeId, size + 1);
        List<DeliveryResponse> items =
                rows.stream().limit(size).map(DeliveryResponse::of).toList();
        return new Page<>(
                items,
                rows.size() > size
                        ? Cursors.encode(Long.toString(items.getLast().id()))
                        : null);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") long deliveryId) {
        return Response.accepted(DeliveryResponse.of(service.redeliver(uuid(id, "id"), deliveryId)))
                .build();
    }

    private static UUID uuid(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "'" + value + "' is not a subscription id (a UUID).");
        }
    }
}

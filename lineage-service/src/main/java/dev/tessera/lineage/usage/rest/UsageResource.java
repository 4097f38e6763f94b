package dev.tessera.lineage.usage.rest;

import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.lineage.usage.service.UsageQueries;
import dev.tessera.platform.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Who uses a product and how much: consumers by kind (declared, granted, observed), shadow
 * consumers, reads per day and whether it is unused. Through the gateway:
 * {@code /api/lineage/v1/products/{id}/usage}.
 */
@Path("/api/v1/lineage/products/{id}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private static final int DEFAULT_DAYS = 30;

    @Inject
    UsageQueries usage;

    @Inject
    LineageAccess access;

    /** The usage over the last {@code days} UTC days, today included (1 to 365; 30 by default). */
    @GET
    public UsageResponse usage(
            @PathParam("id") String productId, @QueryParam("days") String days, @Context UriInfo uri) {
        access.requireRead();
        // An empty ?days= reaches the parameter as null: it is a bad value, not an absent one.
        boolean named = uri.getQueryParameters().containsKey("days");
        return UsageMapping.response(usage.usage(productId, days(days == null && named ? "" : days)));
    }

    private static int days(String value) {
        if (value == null) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1 && days <= UsageQueries.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, as any other value out of range.
        }
        throw ApiException.invalidField(
                "days",
                "days must be a whole number of days from 1 to " + UsageQueries.MAX_DAYS + "; was '" + value + "'");
    }
}

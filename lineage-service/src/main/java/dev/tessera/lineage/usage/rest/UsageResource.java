package dev.tessera.lineage.usage.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

    @Inject
    ObjectMapper mapper;

    /**
     * The usage over the last {@code days} UTC days, today included (1 to 365; 30 by default), as a
     * {@link UsageResponse}. It is written onto the response as it is read from the usage
     * ({@link UsageJson}), once the usage is known: a bad request or an unknown product is answered
     * before anything is written.
     */
    @GET
    @APIResponse(
            responseCode = "200",
            description = "The product's usage",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UsageResponse.class)))
    public StreamingOutput usage(
            @PathParam("id") String productId, @QueryParam("days") String days, @Context UriInfo uri) {
        access.requireRead();
        // An empty ?days= reaches the parameter as null: it is a bad value, not an absent one.
        boolean named = uri.getQueryParameters().containsKey("days");
        UsageQueries.Visible visible = usage.usage(productId, days(days == null && named ? "" : days));
        return out -> {
            try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
                // Closing the generator flushes it; the response's stream is closed by its writer.
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                UsageJson.write(visible, json);
            }
        };
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

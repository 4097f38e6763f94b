package dev.tessera.catalog.feed.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.feed.repository.FeedRow;
import dev.tessera.catalog.feed.service.FeedService;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.Cursors;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The event feed for consumers that poll: every event the catalog consumed, in a stable order, from any
 * point. {@code after} is a feed position (each event carries its own as the {@code feedposition}
 * extension) or a CloudEvents id; absent, the feed starts at its beginning. Asked for
 * {@code application/cloudevents-batch+json}, the answer is a plain CloudEvents JSON batch with the next
 * position in a {@code Link} header; otherwise a page {@code {items, next}}. Usage events name their
 * consumers only to those who may know them: owners of the product's domain, governance officers and
 * platform admins.
 */
@Path("/api/catalog/v1/events")
public class FeedResource {

    /** The CloudEvents JSON batch format. */
    public static final String BATCH = "application/cloudevents-batch+json";

    @Inject
    FeedService feed;

    @Inject
    Caller caller;

    @GET
    @Produces({MediaType.APPLICATION_JSON, BATCH})
    public Response events(
            @QueryParam("after") String after,
            @QueryParam("limit") Integer limit,
            @HeaderParam("Accept") String accept) {
        long position = position(after);
        int size = Cursors.limit(limit);
        Visibility v = Visibility.of(caller);
        List<FeedRow> rows = feed.after(position, size, v.seesAll(), v.domains());
        List<ObjectNode> events = rows.stream()
                .map(row -> feed.toCloudEvent(row, v.privilegedIn(row.domainId())))
                .toList();
        String next = rows.isEmpty()
                ? Long.toString(position)
                : Long.toString(rows.getLast().position());
        if (accept != null && accept.contains(BATCH)) {
            return Response.ok(events, BATCH)
                    .header("Link", "</api/catalog/v1/events?after=" + next + ">; rel=\"next\"")
                    .build();
        }
        return Response.ok(Map.of("items", events, "next", next), MediaType.APPLICATION_JSON)
                .build();
    }

    private long position(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long p = Long.parseLong(after.trim());
            if (p < 0) {
                throw ApiException.invalidField("after", "after must be a feed position (0 or more) or an event id.");
            }
            return p;
        } catch (NumberFormatException notANumber) {
            long p = feed.positionOf(after.trim());
            if (p < 0) {
                throw ApiException.invalidField(
                        "after", "No event with id '" + after + "' is in the feed; pass a feed position instead.");
            }
            return p;
        }
    }
}

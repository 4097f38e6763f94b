package dev.tessera.platform.problem;

import dev.tessera.platform.http.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over 1 MiB with a problem document before anything reads them; a bulk endpoint (a
 * path ending in {@code /bulk}) takes up to {@link #MAX_BULK_BODY_BYTES}, and holds each item in it
 * to the 1 MiB of a single call itself. Bodies sent without a Content-Length are bounded by the
 * endpoint's reader, and by the HTTP server's hard cap.
 */
public class RequestLimitsFilter {

    /** Largest request body the registry accepts. */
    public static final long MAX_BODY_BYTES = 1_048_576;

    /** Largest body of a bulk endpoint: many items, each within {@link #MAX_BODY_BYTES}. */
    public static final long MAX_BULK_BODY_BYTES = 16 * MAX_BODY_BYTES;

    /** The path suffix of bulk endpoints, which take {@link #MAX_BULK_BODY_BYTES}. */
    public static final String BULK_SUFFIX = "/bulk";

    @ServerRequestFilter(preMatching = true)
    public jakarta.ws.rs.core.Response limitBody(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ProblemMapper.respond(
                    ProblemType.MALFORMED, "Content-Length is not a number.", List.of(), Map.of(), ctx.getUriInfo());
        }
        boolean bulk = ctx.getUriInfo().getPath().endsWith(BULK_SUFFIX);
        long limit = bulk ? MAX_BULK_BODY_BYTES : MAX_BODY_BYTES;
        if (bytes > limit) {
            return ProblemMapper.respond(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The body has " + bytes + " bytes; the limit is " + limit + " (" + (limit / MAX_BODY_BYTES)
                            + " MiB). "
                            + (bulk
                                    ? "Send the items in several calls."
                                    : "Split large contracts or remove embedded data."),
                    List.of(),
                    Map.of("limitBytes", limit),
                    ctx.getUriInfo());
        }
        return null;
    }
}

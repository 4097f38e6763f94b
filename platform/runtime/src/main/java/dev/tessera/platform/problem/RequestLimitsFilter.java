package dev.tessera.platform.problem;

import dev.tessera.platform.http.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over 1 MiB with a problem document before anything reads them. Bodies sent without
 * a Content-Length are bounded by the descriptor parser, and by the HTTP server's hard cap.
 */
public class RequestLimitsFilter {

    /** Largest request body the registry accepts. */
    public static final long MAX_BODY_BYTES = 1_048_576;

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
        if (bytes > MAX_BODY_BYTES) {
            return ProblemMapper.respond(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The body has " + bytes + " bytes; the limit is " + MAX_BODY_BYTES
                            + " (1 MiB). Split large contracts or remove embedded data.",
                    List.of(),
                    Map.of("limitBytes", MAX_BODY_BYTES),
                    ctx.getUriInfo());
        }
        return null;
    }
}

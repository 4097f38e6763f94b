package dev.tessera.platform.http.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Problem documents written straight onto a Vert.x response, for code that answers before any JAX-RS
 * resource or exception mapper runs: the HTTP security layer in the gateway and the services, and the
 * gateway's filters and proxy. The document is the one {@link Problem#of} builds, member for member as
 * the services' Jackson mapping writes it (absent and empty members left out, extensions at the top
 * level), so a client reads a refusal from the gateway and one from a service with the same code.
 *
 * <p>Nothing is written to a response already under way: its status and headers have gone, and a
 * second body would corrupt the one being streamed. Each {@code send} says whether it answered.
 */
public final class ProblemResponses {

    /** The challenge of every 401 (RFC 6750): a bearer token, from the tessera realm. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"tessera\"";

    /** What a caller refused for a missing, expired or forged token is told to do. */
    public static final String UNAUTHENTICATED_DETAIL =
            "Send a valid access token from the tessera realm as 'Authorization: Bearer <token>'.";

    /** What a caller whose token holds no role the path demands is told. */
    public static final String FORBIDDEN_DETAIL = "Your token carries no Tessera role that allows this call.";

    private ProblemResponses() {}

    /** The problem as JSON, in the member order of RFC 9457's examples. */
    public static JsonObject json(Problem problem) {
        JsonObject doc = new JsonObject()
                .put("type", problem.type().toString())
                .put("title", problem.title())
                .put("status", problem.status());
        if (problem.detail() != null && !problem.detail().isEmpty()) {
            doc.put("detail", problem.detail());
        }
        if (problem.instance() != null && !problem.instance().isEmpty()) {
            doc.put("instance", problem.instance());
        }
        if (!problem.errors().isEmpty()) {
            JsonArray errors = new JsonArray();
            for (Problem.FieldError error : problem.errors()) {
                errors.add(new JsonObject().put("path", error.path()).put("message", error.message()));
            }
            doc.put("errors", errors);
        }
        problem.extensions().forEach(doc::put);
        return doc;
    }

    /** True while nothing of the response has been sent, so a problem can still be the answer. */
    public static boolean canAnswer(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        return !(response.headWritten() || response.ended() || response.closed());
    }

    /**
     * Ends the exchange with a problem of {@code type} for the request's path, unless a response is
     * already under way; {@code extensions} become top-level members. True if it answered.
     */
    public static boolean send(RoutingContext ctx, ProblemType type, String detail, Map<String, Object> extensions) {
        return send(ctx, Problem.of(type, detail, ctx.request().path(), List.of(), extensions), Map.of());
    }

    /** Ends the exchange with {@code problem} and the given headers, unless a response is already under way. */
    public static boolean send(RoutingContext ctx, Problem problem, Map<String, String> headers) {
        if (!canAnswer(ctx)) {
            return false;
        }
        HttpServerResponse response = ctx.response();
        headers.forEach(response::putHeader);
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(json(problem).encode());
        return true;
    }

    /** A 401 with the bearer challenge: no token, or one that failed verification. */
    public static boolean unauthenticated(RoutingContext ctx) {
        return send(
                ctx,
                Problem.of(
                        ProblemType.UNAUTHENTICATED,
                        UNAUTHENTICATED_DETAIL,
                        ctx.request().path(),
                        List.of(),
                        Map.of()),
                Map.of("WWW-Authenticate", BEARER_CHALLENGE));
    }

    /** A 403: a verified token whose roles the path's permission does not accept. */
    public static boolean forbidden(RoutingContext ctx) {
        return send(ctx, ProblemType.FORBIDDEN, FORBIDDEN_DETAIL, Map.of());
    }
}

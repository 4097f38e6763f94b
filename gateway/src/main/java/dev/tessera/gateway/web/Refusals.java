package dev.tessera.gateway.web;

import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemResponses;
import dev.tessera.platform.http.problem.ProblemType;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * The refusals only the gateway makes, in its own words: an unplain path or an oversized body at the
 * edge, a path no route serves, a rate limit, a backend that cannot answer. The documents are platform/http's
 * ({@link ProblemResponses}), the same shape and type URIs as the services'; 401 and 403 come from
 * platform/http as they do for every service.
 */
public final class Refusals {

    private Refusals() {}

    public static void badRequest(RoutingContext ctx, String detail) {
        ProblemResponses.send(ctx, ProblemType.VALIDATION, detail, Map.of());
    }

    /** A path under {@code /api/} that no route serves. */
    public static void notFound(RoutingContext ctx) {
        ProblemResponses.send(
                ctx,
                ProblemType.NOT_FOUND,
                "No Tessera service is routed at this path; see /openapi for what exists.",
                Map.of());
    }

    public static void tooLarge(RoutingContext ctx, long limit) {
        ProblemResponses.send(
                ctx,
                ProblemType.PAYLOAD_TOO_LARGE,
                "The gateway forwards bodies of at most " + limit + " bytes.",
                Map.of("limitBytes", limit));
    }

    public static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds, String route) {
        send(
                ctx,
                ProblemType.RATE_LIMITED,
                "You sent more requests to " + route + " than its rate limit allows; retry after " + retryAfterSeconds
                        + " s.",
                Map.of("route", route, "retryAfterSeconds", retryAfterSeconds),
                retryAfterSeconds);
    }

    /** A backend cannot answer: which one, and why (unreachable, timeout, circuit-open). */
    public static void unavailable(RoutingContext ctx, String service, String reason, long retryAfterSeconds) {
        send(
                ctx,
                ProblemType.UNAVAILABLE,
                "The " + service + " service is unavailable (" + reason + "); retry in " + retryAfterSeconds + " s.",
                Map.of("service", service, "reason", reason),
                retryAfterSeconds);
    }

    private static void send(
            RoutingContext ctx,
            ProblemType type,
            String detail,
            Map<String, Object> extensions,
            long retryAfterSeconds) {
        ProblemResponses.send(
                ctx,
                Problem.of(type, detail, ctx.request().path(), List.of(), extensions),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}

package dev.tessera.gateway.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * RFC 9457 problem documents written straight onto a Vert.x response, with the same type URIs and
 * shape as the services' (platform/runtime's Problem), so a client handles the gateway's refusals
 * and a service's with one code path.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://tessera.dev/problems/";

    private Problems() {}

    /** The problem document; {@code extensions} become top-level members. */
    public static JsonObject document(
            int status, String slug, String title, String detail, String instance, Map<String, Object> extensions) {
        JsonObject doc = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            doc.put("instance", instance);
        }
        extensions.forEach(doc::put);
        return doc;
    }

    /** Ends the exchange with a problem unless a response is already under way. */
    public static void send(
            RoutingContext ctx, int status, String slug, String title, String detail, Map<String, Object> extensions) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        String body =
                document(status, slug, title, detail, safePath(ctx), extensions).encode();
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body);
    }

    public static void unauthenticated(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tessera\"");
        send(
                ctx,
                401,
                "unauthenticated",
                "A valid bearer token is required",
                "Send a valid access token from the tessera realm as 'Authorization: Bearer <token>'.",
                Map.of());
    }

    public static void forbidden(RoutingContext ctx) {
        send(
                ctx,
                403,
                "forbidden",
                "Not allowed for this caller",
                "Your token carries no Tessera role that allows this call.",
                Map.of());
    }

    public static void badRequest(RoutingContext ctx, String detail) {
        send(ctx, 400, "validation", "The request is invalid", detail, Map.of());
    }

    public static void notFound(RoutingContext ctx) {
        send(
                ctx,
                404,
                "not-found",
                "No such resource",
                "No Tessera service is routed at this path; see /openapi for what exists.",
                Map.of());
    }

    public static void tooLarge(RoutingContext ctx, long limit) {
        send(
                ctx,
                413,
                "payload-too-large",
                "The request body is too large",
                "The gateway forwards bodies of at most " + limit + " bytes.",
                Map.of("limitBytes", limit));
    }

    public static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds, String route) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        send(
                ctx,
                429,
                "rate-limited",
                "Too many requests",
                "You sent more requests to " + route + " than its rate limit allows; retry after " + retryAfterSeconds
                        + " s.",
                Map.of("route", route, "retryAfterSeconds", retryAfterSeconds));
    }

    /** A backend cannot answer: which one, and why (unreachable, timeout, circuit-open). */
    public static void unavailable(RoutingContext ctx, String service, String reason, long retryAfterSeconds) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        send(
                ctx,
                503,
                "unavailable",
                "A service Tessera depends on is unavailable",
                "The " + service + " service is unavailable (" + reason + "); retry in " + retryAfterSeconds + " s.",
                Map.of("service", service, "reason", reason));
    }

    private static String safePath(RoutingContext ctx) {
        String path = ctx.request().path();
        return path == null || path.length() > 512 ? null : path;
    }
}

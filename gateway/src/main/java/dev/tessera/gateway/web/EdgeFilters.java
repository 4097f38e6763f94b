package dev.tessera.gateway.web;

import dev.tessera.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What happens to every request before authentication: a request id, security headers on the
 * response, refusal of paths whose meaning depends on who decodes them, and refusal of bodies
 * declared larger than the limit.
 */
@ApplicationScoped
public class EdgeFilters {

    public static final String REQUEST_ID = "X-Request-Id";
    /** The request id as the gateway decided it; read by the proxy and the composite read. */
    public static final String REQUEST_ID_KEY = "tessera.requestId";

    // Same rule as platform/runtime's RequestIds, so an id survives the hop to a service unchanged.
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    // Encoded separators, dots, percent signs and NULs, backslashes, matrix parameters, empty segments
    // and dot segments: a backend could read such a path differently from the gateway's permission check.
    private static final Pattern AMBIGUOUS_PATH =
            Pattern.compile("%2f|%5c|%2e|%25|%00|\\\\|;|//|(^|/)\\.{1,2}(/|$)|[^/]\\.(/|$)");

    /** Runs before authentication (200) so even refusals carry an id and the headers. */
    static final int EDGE_PRIORITY = 400;

    @Inject
    GatewayConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::edge, EDGE_PRIORITY);
    }

    void edge(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String given = request.getHeader(REQUEST_ID);
        String id = given != null && SANE_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        ctx.put(REQUEST_ID_KEY, id);
        HttpServerResponse response = ctx.response();
        response.headers()
                .set(REQUEST_ID, id)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .set("Cross-Origin-Resource-Policy", "same-site");
        if (!request.path().startsWith("/q/swagger-ui")) {
            // Swagger UI runs inline scripts; everything else the gateway serves is data, never a page.
            response.headers().set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        if (request.path().startsWith("/api/")) {
            String raw = request.uri();
            int query = raw.indexOf('?');
            String rawPath = (query < 0 ? raw : raw.substring(0, query)).toLowerCase(Locale.ROOT);
            if (AMBIGUOUS_PATH.matcher(rawPath).find()) {
                Problems.badRequest(
                        ctx,
                        "The path contains an encoded separator, dot segment, trailing dot, backslash, matrix"
                                + " parameter or double encoding; send the plain path.");
                return;
            }
            String length = request.getHeader("Content-Length");
            if (length != null) {
                long bytes;
                try {
                    bytes = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    Problems.badRequest(ctx, "Content-Length is not a number.");
                    return;
                }
                if (bytes > config.maxBodyBytes()) {
                    Problems.tooLarge(ctx, config.maxBodyBytes());
                    return;
                }
            }
        }
        ctx.next();
    }

    /** The request id the edge gave this exchange. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }
}

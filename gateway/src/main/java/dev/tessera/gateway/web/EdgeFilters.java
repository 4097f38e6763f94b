package dev.tessera.gateway.web;

import dev.tessera.gateway.config.GatewayConfig;
import dev.tessera.gateway.proxy.RouteTable;
import dev.tessera.platform.http.RequestIds;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What happens to every request before authentication: a request id, security headers on the
 * response, a bounded path label for metrics and spans, refusal of paths whose meaning depends on
 * who decodes them, and refusal of bodies declared larger than the limit.
 */
@Singleton
public class EdgeFilters {

    /** The request id as the gateway decided it; read by the proxy and the composite read. */
    public static final String REQUEST_ID_KEY = "tessera.requestId";

    /**
     * The request-context key under which Quarkus' Micrometer and OpenTelemetry integrations look
     * for a request's path template (Quarkus REST sets it for its own resources).
     */
    static final String PATH_TEMPLATE_KEY = "UrlPathTemplate";

    /**
     * The label of a path no route and no gateway endpoint serves (refused or 404). Without it each
     * such raw path, which any anonymous caller chooses, would become a metric series of its own.
     */
    static final String UNROUTED_TEMPLATE = "/unrouted";

    // Header names and values encoded once, not on every response.
    private static final CharSequence REQUEST_ID_NAME = HttpHeaders.createOptimized(RequestIds.HEADER);
    private static final CharSequence[][] SECURITY_HEADERS = {
        optimized("X-Content-Type-Options", "nosniff"),
        optimized("X-Frame-Options", "DENY"),
        optimized("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        optimized("Cross-Origin-Resource-Policy", "same-site"),
    };
    /**
     * Not on the web UI's pages, which send their own ({@code same-origin}): under {@code no-referrer} a
     * browser sends {@code Origin: null} with a form's POST, and the CORS check refuses that with a 403.
     */
    private static final CharSequence[] REFERRER_POLICY = optimized("Referrer-Policy", "no-referrer");

    private static final CharSequence[] CONTENT_SECURITY_POLICY =
            optimized("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    /** Runs before authentication (200) so even refusals carry an id and the headers. */
    static final int EDGE_PRIORITY = 400;

    @Inject
    GatewayConfig config;

    @Inject
    RouteTable routes;

    void register(@Observes Filters filters) {
        filters.register(this::edge, EDGE_PRIORITY);
    }

    void edge(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = RequestIds.orNew(request.getHeader(RequestIds.HEADER));
        ctx.put(REQUEST_ID_KEY, id);
        MultiMap headers = ctx.response().headers();
        headers.set(REQUEST_ID_NAME, id);
        for (CharSequence[] header : SECURITY_HEADERS) {
            headers.set(header[0], header[1]);
        }
        String path = request.path();
        RouteTable.Match match = routes.match(path);
        if (match == null || !match.everythingElse()) {
            headers.set(REFERRER_POLICY[0], REFERRER_POLICY[1]);
        }
        if (!path.startsWith("/q/swagger-ui") && (match == null || !match.everythingElse())) {
            // Swagger UI runs inline scripts, and the web UI sends the policy its pages need (scripts and styles
            // from its own files); everything else the gateway serves is data, never a page.
            headers.set(CONTENT_SECURITY_POLICY[0], CONTENT_SECURITY_POLICY[1]);
        }
        labelPath(request, path, match);
        if (path.startsWith("/api/")) {
            if (AmbiguousPaths.isAmbiguous(request.uri())) {
                Refusals.badRequest(
                        ctx,
                        "The path contains an encoded separator, dot segment, trailing dot, backslash, matrix"
                                + " parameter or double encoding; send the plain path.");
                return;
            }
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                long bytes;
                try {
                    bytes = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    Refusals.badRequest(ctx, "Content-Length is not a number.");
                    return;
                }
                long limit = config.maxBodyBytes(request.path());
                if (bytes > limit) {
                    Refusals.tooLarge(ctx, limit);
                    return;
                }
            }
        }
        ctx.next();
    }

    /**
     * Gives the request the path template its metrics and span carry: the route's for a proxied
     * path, {@link #UNROUTED_TEMPLATE} for anything else outside {@code /q/} (the gateway's own
     * REST endpoints replace it with their templates when they serve the request; {@code /q/}
     * paths keep Quarkus' own handling, which leaves them out of the HTTP metrics).
     */
    private void labelPath(HttpServerRequest request, String path, RouteTable.Match match) {
        if (path.startsWith("/q/") || !(request instanceof HttpServerRequestInternal internal)) {
            return;
        }
        internal.context().putLocal(PATH_TEMPLATE_KEY, match != null ? match.pathTemplate() : UNROUTED_TEMPLATE);
    }

    /** The request id the edge gave this exchange. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        return id != null ? id : RequestIds.next();
    }

    private static CharSequence[] optimized(String name, String value) {
        return new CharSequence[] {HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(value)};
    }
}

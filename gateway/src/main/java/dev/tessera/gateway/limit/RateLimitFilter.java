package dev.tessera.gateway.limit;

import dev.tessera.gateway.config.GatewayConfig;
import dev.tessera.gateway.proxy.RouteTable;
import dev.tessera.gateway.web.Refusals;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Limits each client per route after the token is verified (so a client is who its token says,
 * not what a header claims); anonymous callers are keyed by their address.
 */
@Singleton
public class RateLimitFilter {

    /** After authentication (200) and the permission check (100). */
    static final int PRIORITY = 50;

    private final RateLimiter limiter = new RateLimiter();

    @Inject
    GatewayConfig config;

    @Inject
    RouteTable routes;

    void register(@Observes io.quarkus.vertx.http.runtime.filters.Filters filters) {
        filters.register(this::limit, PRIORITY);
    }

    void limit(RoutingContext ctx) {
        String path = ctx.request().path();
        if (!path.startsWith("/api/")) {
            ctx.next();
            return;
        }
        if (admit(ctx, routes.match(path), clientKey(ctx))) {
            ctx.next();
        }
    }

    /**
     * Takes one request of {@code client} on the matched route (null: the gateway's own composite
     * reads); if the client is over its limit, answers 429 with Retry-After and returns false.
     */
    public boolean admit(RoutingContext ctx, RouteTable.Match match, String client) {
        String routeName = match != null ? match.name() : RouteTable.COMPOSITE_ROUTE;
        int perSecond = config.rateLimit().requestsPerSecond();
        int burst = config.rateLimit().burst();
        if (match != null) {
            perSecond = match.route().requestsPerSecond().orElse(perSecond);
            burst = match.route().burst().orElse(burst);
        }
        long retryAfter = limiter.acquire(client, routeName, perSecond, burst);
        if (retryAfter > 0) {
            Refusals.tooManyRequests(ctx, retryAfter, routeName);
            return false;
        }
        return true;
    }

    /** The token's client and subject, or the peer address for anonymous callers. */
    static String clientKey(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                return clientKey(identity);
            }
        }
        return "address:" + ctx.request().remoteAddress().hostAddress();
    }

    /** The key of an authenticated caller: the token's client and subject. */
    public static String clientKey(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object azp = jwt.getClaim("azp");
            return "token:" + azp + "/" + jwt.getSubject();
        }
        return "principal:" + identity.getPrincipal().getName();
    }
}

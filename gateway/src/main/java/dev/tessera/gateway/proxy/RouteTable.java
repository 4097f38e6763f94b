package dev.tessera.gateway.proxy;

import dev.tessera.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The configured routes, longest prefix first, and how a public path maps to a backend path.
 *
 * <p>A route whose prefix is {@value #EVERYTHING_ELSE} (the portal's) takes every path that no other
 * route takes and that is not the gateway's own: {@code /api} and below (unrouted API paths stay a 404
 * problem), {@code /q} and below, and {@code /openapi}. The web UI thus answers {@code /} and any page
 * it adds later without a change here.
 */
@Singleton
public class RouteTable {

    /** Route name used for rate limits of the gateway's own composite reads. */
    public static final String COMPOSITE_ROUTE = "composite";

    /** The prefix of the route that takes every path outside the gateway's own (the web UI). */
    public static final String EVERYTHING_ELSE = "/";

    /**
     * A public path matched to its route.
     *
     * @param name the route's name in {@code tessera.gateway.routes}
     * @param route its configuration
     * @param pathTemplate what metrics and spans call every path of the route ({@code <prefix>/*}):
     *     one label per route, never the raw path, so product ids cannot multiply the series
     */
    public record Match(String name, GatewayConfig.Route route, String pathTemplate) {

        Match(String name, GatewayConfig.Route route) {
            this(name, route, EVERYTHING_ELSE.equals(route.prefix()) ? "/*" : route.prefix() + "/*");
        }

        /** True for the route that takes every path outside the gateway's own (the web UI). */
        public boolean everythingElse() {
            return EVERYTHING_ELSE.equals(route.prefix());
        }

        /** The path to ask the backend for: the prefix rewritten if the route says so. */
        public String backendPath(String rawPath) {
            return route.rewrite()
                    .map(to -> to + rawPath.substring(route.prefix().length()))
                    .orElse(rawPath);
        }
    }

    private final List<Match> routes;

    @Inject
    public RouteTable(GatewayConfig config) {
        this.routes = config.routes().entrySet().stream()
                .map((Map.Entry<String, GatewayConfig.Route> e) -> new Match(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((Match m) -> m.route().prefix().length())
                        .reversed()
                        .thenComparing(Match::name))
                .toList();
        for (Match m : routes) {
            if (!config.backends().containsKey(m.route().backend())) {
                throw new IllegalStateException("tessera.gateway.routes." + m.name() + ".backend names '"
                        + m.route().backend() + "', which is not in tessera.gateway.backends");
            }
        }
    }

    /** The route whose prefix is the path or a whole-segment ancestor of it; null if none. */
    public Match match(String path) {
        for (Match m : routes) {
            String prefix = m.route().prefix();
            if (m.everythingElse()) {
                return gatewaysOwn(path) ? null : m;
            }
            if (path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/')) {
                return m;
            }
        }
        return null;
    }

    /** Paths the gateway answers itself or refuses itself, never handed to the everything-else route. */
    static boolean gatewaysOwn(String path) {
        return under(path, "/api") || under(path, "/q") || path.equals("/openapi") || path.startsWith("/openapi.");
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    public List<Match> all() {
        return routes;
    }
}

package dev.tessera.gateway.proxy;

import dev.tessera.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The configured routes, longest prefix first, and how a public path maps to a backend path. */
@Singleton
public class RouteTable {

    /** Route name used for rate limits of the gateway's own composite reads. */
    public static final String COMPOSITE_ROUTE = "composite";

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
            this(name, route, route.prefix() + "/*");
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
            if (path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/')) {
                return m;
            }
        }
        return null;
    }

    public List<Match> all() {
        return routes;
    }
}

package dev.tessera.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the Ingresses let through from outside, answered the way an ingress controller answers it:
 * for a host and a request path, the rule with the longest matching path across every Ingress of
 * that host wins (Exact before Prefix on a tie), and its Ingress's annotations apply. So a check
 * asks "where does {@code GET /q/metrics} on the public host end up", not "is there a line
 * mentioning /q/metrics".
 */
final class IngressPolicies {

    /** ingress-nginx refuses (403) every client whose address is in this list, for the Ingress's paths. */
    static final String DENYLIST = "nginx.ingress.kubernetes.io/denylist-source-range";

    /** What the gateway serves only to Prometheus inside the cluster. */
    static final List<String> GATEWAY_INTERNAL_PATHS = List.of("/q/metrics", "/q/metrics/", "/q/metrics/prometheus");

    /** What a browser, the CLI and CI pipelines need from Keycloak: the tessera realm and the login pages' assets. */
    static final List<String> KEYCLOAK_PUBLIC_PATHS = List.of(
            "/realms/tessera/.well-known/openid-configuration",
            "/realms/tessera/protocol/openid-connect/auth",
            "/realms/tessera/protocol/openid-connect/token",
            "/realms/tessera/protocol/openid-connect/auth/device",
            "/realms/tessera/protocol/openid-connect/certs",
            "/realms/tessera/login-actions/authenticate",
            "/resources/abcde/login/keycloak.v2/css/styles.css",
            "/.well-known/oauth-authorization-server/realms/tessera");

    /** Keycloak's administration, the master realm, other realms and its own metrics and health. */
    static final List<String> KEYCLOAK_PRIVATE_PATHS = List.of(
            "/",
            "/admin",
            "/admin/",
            "/admin/master/console/",
            "/admin/realms/tessera/users",
            "/realms/master",
            "/realms/master/protocol/openid-connect/token",
            "/realms/tessera-other/protocol/openid-connect/token",
            "/.well-known/oauth-authorization-server/realms/master",
            "/.well-known/openid-configuration",
            "/metrics",
            "/health/ready");

    private IngressPolicies() {}

    /** The rule a request for {@code path} on {@code host} is sent to, with the Ingress holding it. */
    record Route(Ingress ingress, HTTPIngressPath path) {

        String service() {
            return path.getBackend().getService() == null
                    ? "a non-Service backend"
                    : path.getBackend().getService().getName();
        }

        /** True when the Ingress refuses every client address (IPv4 and IPv6). */
        boolean deniesEveryone() {
            String denied = Objects.requireNonNullElse(ingress.getMetadata().getAnnotations(), Map.<String, String>of())
                    .getOrDefault(DENYLIST, "");
            Set<String> ranges = new TreeSet<>(
                    Arrays.stream(denied.split(",")).map(String::trim).toList());
            return ranges.containsAll(List.of("0.0.0.0/0", "::/0"));
        }

        @Override
        public String toString() {
            return "Ingress " + ingress.getMetadata().getName() + " path " + path.getPath() + " -> " + service();
        }
    }

    /** Where a request ends up, or empty when no rule matches (the controller answers 404). */
    static Optional<Route> route(List<HasMetadata> objects, String host, String requestPath) {
        List<Route> candidates = new ArrayList<>();
        for (Ingress ingress : ManifestPolicies.of(objects, Ingress.class)) {
            for (IngressRule rule : Objects.requireNonNullElse(ingress.getSpec().getRules(), List.<IngressRule>of())) {
                if (!Objects.equals(rule.getHost(), host) || rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    if (matches(path, requestPath)) {
                        candidates.add(new Route(ingress, path));
                    }
                }
            }
        }
        return candidates.stream()
                .max(Comparator.<Route>comparingInt(r -> r.path().getPath().length())
                        .thenComparing(r -> "Exact".equals(r.path().getPathType())));
    }

    /** The hosts whose Ingress rules send anything to the named Service. */
    static Set<String> hostsOf(List<HasMetadata> objects, String service) {
        Set<String> hosts = new TreeSet<>();
        for (Ingress ingress : ManifestPolicies.of(objects, Ingress.class)) {
            for (IngressRule rule : Objects.requireNonNullElse(ingress.getSpec().getRules(), List.<IngressRule>of())) {
                if (rule.getHttp() != null
                        && rule.getHttp().getPaths().stream()
                                .anyMatch(p -> p.getBackend().getService() != null
                                        && p.getBackend().getService().getName().equals(service))) {
                    hosts.add(Objects.requireNonNullElse(rule.getHost(), ""));
                }
            }
        }
        return hosts;
    }

    /**
     * The gateway's metrics are not public: on every host that reaches the gateway, {@code /q/metrics}
     * matches no rule or one whose Ingress refuses every address. Prometheus still scrapes them
     * inside the cluster: a ServiceMonitor asks the gateway's Service for /q/metrics, and the
     * gateway's NetworkPolicy admits the monitoring namespace on its http port.
     */
    static List<String> gatewayMetricsStayInside(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> hosts = hostsOf(objects, "gateway");
        if (hosts.isEmpty()) {
            violations.add("no Ingress reaches the gateway");
        }
        for (String host : hosts) {
            for (String path : GATEWAY_INTERNAL_PATHS) {
                route(objects, host, path)
                        .filter(r -> !r.deniesEveryone())
                        .ifPresent(r -> violations.add("GET " + host + path + " is public: " + r));
            }
        }
        boolean scraped = ManifestPolicies.custom(objects, "ServiceMonitor").stream()
                .map(ManifestPolicies::tree)
                .anyMatch(monitor -> {
                    var selector = monitor.path("spec").path("selector").path("matchLabels");
                    boolean selectsGateway = ManifestPolicies.of(objects, Service.class).stream()
                            .filter(s -> s.getMetadata().getName().equals("gateway"))
                            .anyMatch(s -> {
                                Map<String, String> labels = s.getMetadata().getLabels();
                                var fields = selector.properties().iterator();
                                boolean all = selector.size() > 0;
                                while (fields.hasNext()) {
                                    var field = fields.next();
                                    all &= field.getValue().asText().equals(labels.get(field.getKey()));
                                }
                                return all;
                            });
                    boolean asksMetrics = false;
                    for (var endpoint : monitor.path("spec").path("endpoints")) {
                        asksMetrics |= endpoint.path("path").asText().equals("/q/metrics")
                                && endpoint.path("port").asText().equals("http");
                    }
                    return selectsGateway && asksMetrics;
                });
        if (!scraped) {
            violations.add("no ServiceMonitor scrapes the gateway's /q/metrics on its http port");
        }
        boolean admitted = ManifestPolicies.of(objects, NetworkPolicy.class).stream()
                .filter(p -> "gateway"
                        .equals(p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                .flatMap(p ->
                        Objects.requireNonNullElse(p.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())
                                .stream())
                .anyMatch(rule -> rule.getFrom() != null
                        && rule.getFrom().stream()
                                .anyMatch(peer -> peer.getNamespaceSelector() != null
                                        && "true"
                                                .equals(Objects.requireNonNullElse(
                                                                peer.getNamespaceSelector()
                                                                        .getMatchLabels(),
                                                                Map.<String, String>of())
                                                        .get("tessera.dev/monitoring")))
                        && Objects.requireNonNullElse(rule.getPorts(), List.<NetworkPolicyPort>of()).stream()
                                .anyMatch(port -> port.getPort() != null
                                        && port.getPort().getIntVal() != null
                                        && port.getPort().getIntVal() == 8080));
        if (!admitted) {
            violations.add("the gateway's NetworkPolicy does not admit the monitoring namespace on port 8080");
        }
        return violations;
    }

    /**
     * Keycloak shows the outside world only the tessera realm and the login pages' assets: its
     * administration console and REST API, the master realm, any other realm, and its metrics and
     * health match no rule (or a refusing one) on every host that reaches it.
     */
    static List<String> keycloakShowsOnlyTheTesseraRealm(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> hosts = hostsOf(objects, "keycloak-service");
        if (hosts.isEmpty()) {
            violations.add("no Ingress reaches Keycloak, so nobody can log in");
        }
        for (String host : hosts) {
            for (String path : KEYCLOAK_PRIVATE_PATHS) {
                route(objects, host, path)
                        .filter(r -> !r.deniesEveryone())
                        .ifPresent(r -> violations.add("GET " + host + path + " is public: " + r));
            }
            for (String path : KEYCLOAK_PUBLIC_PATHS) {
                Optional<Route> route = route(objects, host, path);
                if (route.isEmpty()
                        || route.get().deniesEveryone()
                        || !route.get().service().equals("keycloak-service")) {
                    violations.add("GET " + host + path + " does not reach Keycloak"
                            + route.map(r -> ": " + r).orElse(""));
                }
            }
        }
        for (Ingress ingress : ManifestPolicies.of(objects, Ingress.class)) {
            if (ingress.getSpec().getDefaultBackend() != null) {
                violations.add("Ingress " + ingress.getMetadata().getName()
                        + " has a defaultBackend, which answers every path no rule names");
            }
        }
        return violations;
    }

    /**
     * Kubernetes' path matching: Exact is equality; Prefix (and nginx's ImplementationSpecific)
     * matches whole path elements, so {@code /realms/tessera} matches {@code /realms/tessera/x} but
     * not {@code /realms/tessera-other}.
     */
    static boolean matches(HTTPIngressPath rule, String requestPath) {
        String path = rule.getPath() == null ? "/" : rule.getPath();
        if ("Exact".equals(rule.getPathType())) {
            return path.equals(requestPath);
        }
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return prefix.isEmpty() || requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
    }
}

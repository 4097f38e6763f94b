package dev.tessera.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP server standing in for one Tessera service: it echoes what it received as
 * JSON (so tests see exactly what the gateway forwarded), answers the few reads the composite
 * overview makes, serves a fixed audit trail and a tiny OpenAPI document, and can hang ({@code /slow}), fail ({@code
 * /boom}), answer for a failure further along ({@code /dependency-down}: a 503 with {@code Proxy-Status}) or be
 * stopped and started on the same port (a service going down and coming back).
 */
public final class StubBackend {

    private final String service;
    private final int port;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService executor;

    public StubBackend(String service) {
        this.service = service;
        this.port = FreePorts.next();
    }

    public synchronized StubBackend start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Stops listening: connections are refused until {@link #start()} again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Lets hanging {@code /slow} requests finish (at the end of the run). */
    public void releaseSlow() {
        release.countDown();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** How many requests reached a path (raw, as received). */
    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests received in total. */
    public int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        long bodyBytes;
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (path.endsWith("/slow")) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
            return;
        }
        if (path.endsWith("/boom")) {
            respond(exchange, 500, "{\"status\":500}");
            return;
        }
        if (path.endsWith("/dependency-down")) {
            // What the portal answers when an API behind it is down: a 503 page that says the failure is further along.
            exchange.getResponseHeaders().add("Proxy-Status", DEPENDENCY_DOWN);
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        if (path.equals("/q/openapi")) {
            respond(exchange, 200, openapi());
            return;
        }
        if (path.startsWith("/api/registry/v1/products/") && path.split("/").length == 6) {
            String id = path.substring("/api/registry/v1/products/".length());
            if (id.equals("missing")) {
                respond(exchange, 404, "{\"status\":404,\"title\":\"No such resource\"}");
            } else {
                respond(exchange, 200, "{\"id\":\"" + id + "\",\"name\":\"Orders\",\"domain\":\"retail\"}");
            }
            return;
        }
        if (path.matches("/api/governance/v1/products/[^/]+/evaluation")) {
            respond(
                    exchange,
                    200,
                    "{\"score\":0.875,\"rating\":\"B\",\"blockingFailures\":0,\"version\":\"1.0.0\","
                            + "\"evaluatedAt\":\"2026-01-01T00:00:00Z\"}");
            return;
        }
        if (path.matches("/api/governance/v1/products/[^/]+/quality")) {
            if (path.contains("/unrated/")) {
                respond(exchange, 404, "{\"status\":404,\"title\":\"No quality status yet\"}");
            } else {
                respond(
                        exchange,
                        200,
                        "{\"productId\":\"orders\",\"status\":\"FAILING\",\"lastCheckedAt\":\"2026-01-02T00:00:00Z\","
                                + "\"ports\":[{\"port\":\"orders-table\",\"status\":\"FAILING\",\"checks\":"
                                + "[{\"checkId\":\"amount\",\"outcome\":\"FAIL\",\"observed\":\"0.91\"}],\"history\":[]},"
                                + "{\"port\":\"orders-api\",\"status\":\"PASSING\",\"checks\":[],\"history\":[]}],"
                                + "\"incidents\":[{\"port\":\"orders-table\",\"checkId\":\"amount\"}]}");
            }
            return;
        }
        if (path.equals(auditPath())) {
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                respond(exchange, 401, "{\"status\":401}");
            } else {
                respond(exchange, 200, auditPage(exchange.getRequestURI().getRawQuery()));
            }
            return;
        }
        if (path.equals("/api/v1/lineage/graph")) {
            respond(
                    exchange,
                    200,
                    "{\"total\":2,\"partial\":false,\"items\":[{\"id\":\"DATASET:pg.orders\"},"
                            + "{\"id\":\"PRODUCT:revenue\"}]}");
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        StringBuilder json = new StringBuilder("{\"service\":\"")
                .append(service)
                .append("\",\"method\":\"")
                .append(exchange.getRequestMethod())
                .append("\",\"path\":")
                .append(quote(path))
                .append(",\"query\":")
                .append(quote(exchange.getRequestURI().getRawQuery()))
                .append(",\"bodyBytes\":")
                .append(bodyBytes)
                // Which of the caller's connections carried the request: tells kept-alive from fresh ones.
                .append(",\"peerPort\":")
                .append(exchange.getRemoteAddress().getPort())
                .append(",\"headers\":{");
        boolean first = true;
        for (var e : headers.entrySet()) {
            json.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            first = false;
        }
        json.append("}}");
        exchange.getResponseHeaders().add("X-Backend", service);
        if (service.equals("portal")) {
            // The web UI sends the policy its pages need; the gateway must pass it on, not replace it.
            exchange.getResponseHeaders().add("Content-Security-Policy", PORTAL_POLICY);
        }
        // A backend trying to weaken the gateway's headers must not win.
        exchange.getResponseHeaders().add("X-Frame-Options", "ALLOWALL");
        respond(exchange, 200, json.toString());
    }

    private String openapi() {
        String base =
                switch (service) {
                    case "lineage" -> "/api/v1/lineage";
                    default -> "/api/" + service + "/v1";
                };
        return """
                {"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},"tags":[{"name":"%1$s things"}],
                 "paths":{"%2$s/things":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                 "components":{"schemas":{"Thing":{"type":"object","properties":{"problem":{"$ref":"#/components/schemas/Problem"}}},
                   "Problem":{"type":"object"}},
                   "securitySchemes":{"SecurityScheme":{"type":"http","scheme":"bearer"}}}}
                """.formatted(service, base);
    }

    /** The Proxy-Status a stub answers {@code /dependency-down} with. */
    public static final String DEPENDENCY_DOWN =
            "tessera-portal; error=destination_unavailable; details=\"governance, down\"";

    /** The Content-Security-Policy the portal stand-in answers with. */
    public static final String PORTAL_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'";

    /** Where this service serves its audit trail. */
    private String auditPath() {
        return service.equals("lineage") ? "/api/v1/lineage/audit" : "/api/" + service + "/v1/audit";
    }

    /**
     * A fixed trail of {@link #AUDIT_ENTRIES} entries (ids 1..n), interleaved in time with the other
     * stubs' (entry i of the k-th service at second 3i+k), paged like a real service: newest first,
     * {@code limit}, and the Base64url id cursor. Each entry's detail echoes the query received.
     */
    private String auditPage(String rawQuery) {
        Map<String, String> query = new TreeMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        long below = query.containsKey("cursor")
                ? Long.parseLong(new String(
                        java.util.Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8))
                : AUDIT_ENTRIES + 1;
        int offset = services().indexOf(service);
        StringBuilder items = new StringBuilder();
        long last = 0;
        int count = 0;
        for (long id = below - 1; id >= 1 && count < limit; id--, count++) {
            items.append(count == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(id)
                    .append(",\"occurredAt\":\"")
                    .append(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3 * id + offset))
                    .append("\",\"actor\":\"alice-admin\",\"clientId\":\"tessera-cli\",\"action\":\"")
                    .append(service)
                    .append(".changed\",\"targetType\":\"thing\",\"targetId\":\"t")
                    .append(id)
                    .append("\",\"requestId\":\"req-")
                    .append(service)
                    .append('-')
                    .append(id)
                    .append("\",\"detail\":{\"query\":")
                    .append(quote(rawQuery))
                    .append("}}");
            last = id;
        }
        String next = count == limit && last > 1
                ? java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Long.toString(last).getBytes(StandardCharsets.UTF_8))
                : null;
        return "{\"items\":[" + items + "]" + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}";
    }

    /** How many audit entries each stub's trail holds. */
    public static final int AUDIT_ENTRIES = 3;

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Names of all services in a fixed order, for tests that loop over them. */
    public static List<String> services() {
        return List.of("registry", "governance", "lineage");
    }
}

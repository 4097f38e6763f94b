package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path a user takes through the one public entry: a product registered as code is published
 * by governance, becomes searchable in the catalog, shows in the composite overview, and a webhook
 * subscriber receives the signed CloudEvents about it.
 */
@ExtendWith(SharedStack.class)
class ThroughTheGatewayE2ETest {

    private static final String PURPOSE =
            "Every order placed in the web shop, one row per order, for revenue reporting.";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();

    /** One webhook delivery as the receiver saw it. */
    record Delivery(String ceId, String ceType, String ceSubject, String signature, byte[] body) {
        JsonNode json() {
            try {
                return PlatformClient.JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("a delivery that is not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    @Test
    void aPublishedProductIsSearchableAndItsSubscriberGetsSignedCloudEvents() throws Exception {
        String domain = "g" + UUID.randomUUID().toString().substring(0, 8);
        String owner = identities.domainOwner(domain);
        String consumer = identities.dataConsumer();
        String id = domain + "-orders";
        String secret = "a-webhook-secret-" + UUID.randomUUID();
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                deliveries.add(new Delivery(
                        exchange.getRequestHeaders().getFirst("ce-id"),
                        exchange.getRequestHeaders().getFirst("ce-type"),
                        exchange.getRequestHeaders().getFirst("ce-subject"),
                        exchange.getRequestHeaders().getFirst("X-Tessera-Signature"),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            http.postJson(
                            gateway("/api/registry/v1/domains"),
                            identities.platformAdmin(),
                            Map.of("id", domain, "name", "Domain " + domain, "ownerGroup", "/domains/" + domain))
                    .expect(201);
            http.postJson(
                            gateway("/api/catalog/v1/subscriptions"),
                            consumer,
                            Map.of(
                                    "targetUrl",
                                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                    "secret",
                                    secret,
                                    "filter",
                                    Map.of("domains", List.of(domain))))
                    .expect(201);

            http.put(
                            gateway("/api/registry/v1/products/" + id),
                            owner,
                            "application/yaml",
                            Descriptors.product(id, domain, "Gateway orders", "1.0.0", PURPOSE, true, List.of(), null))
                    .expect(200, 201);
            http.postJson(
                            gateway("/api/registry/v1/products/" + id + "/versions/1.0.0/transitions"),
                            owner,
                            Map.of("to", "PENDING_APPROVAL"))
                    .expect(200);

            JsonNode decided = Awaitility.await("governance's decision on " + id)
                    .atMost(Duration.ofSeconds(90))
                    .until(
                            () -> http.get(gateway("/api/registry/v1/products/" + id), owner)
                                    .expect(200)
                                    .at("/versions/0"),
                            v -> !"PENDING_APPROVAL".equals(v.path("status").asText()));
            assertThat(decided.path("version").asText()).isEqualTo("1.0.0");
            assertThat(decided.path("status").asText()).as("1.0.0 of " + id).isEqualTo("PUBLISHED");

            JsonNode hits = Awaitility.await(id + " searchable for a consumer")
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> http.get(
                                            gateway("/api/catalog/v1/search?q="
                                                    + URLEncoder.encode(
                                                            "gateway orders " + domain, StandardCharsets.UTF_8)),
                                            consumer)
                                    .body()
                                    .path("items"),
                            items -> items.findValuesAsText("id").contains(id));
            JsonNode hit = null;
            for (JsonNode item : hits) {
                if (id.equals(item.path("id").asText())) {
                    hit = item;
                }
            }
            assertThat(hit).isNotNull();
            assertThat(hit.path("status").asText()).isEqualTo("PUBLISHED");

            JsonNode overview = http.get(gateway("/api/products/" + id + "/overview"), consumer)
                    .expect(200)
                    .body();
            assertThat(overview.toString()).contains(id);

            // The subscriber learns of the publication itself: the status change of 1.0.0 to PUBLISHED.
            Delivery published = Awaitility.await("a delivery of the publication of " + id)
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> deliveries.stream()
                                    .filter(d -> "dev.tessera.product.status-changed.v1".equals(d.ceType())
                                            && id.equals(d.ceSubject())
                                            && "PUBLISHED"
                                                    .equals(d.json()
                                                            .at("/change/toStatus")
                                                            .asText()))
                                    .findFirst()
                                    .orElse(null),
                            d -> d != null);
            assertThat(published.ceId()).isNotBlank();
            JsonNode state = published.json();
            assertThat(state.path("productId").asText()).isEqualTo(id);
            assertThat(state.at("/change/version").asText()).isEqualTo("1.0.0");
            assertThat(state.path("latestPublishedVersion").asText()).isEqualTo("1.0.0");
            assertThat(published.signature()).isEqualTo("sha256=" + hmac(secret, published.body()));
            assertThat(deliveries)
                    .as("every delivery is signed with the subscriber's secret")
                    .allSatisfy(d -> assertThat(d.signature()).isEqualTo("sha256=" + hmac(secret, d.body())));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theGatewayRefusesAMissingTokenAndTheServiceRefusesItToo() {
        PlatformClient.Reply atGateway = http.get(gateway("/api/registry/v1/products"), null);
        PlatformClient.Reply atService =
                http.get(stack.service(PlatformService.REGISTRY).uri("/api/registry/v1/products"), null);

        assertThat(atGateway.status()).isEqualTo(401);
        assertThat(atService.status()).isEqualTo(401);
    }

    @Test
    void keycloakTokensNotMeantForTesseraAreRefusedAtTheGatewayAndAtTheService() {
        Map<String, String> tokens = Map.of(
                "an access token of another realm", identities.otherRealmAdmin(),
                "an ID token used as an access token", identities.platformAdminIdToken());
        tokens.forEach((what, token) -> {
            assertThat(http.get(gateway("/api/registry/v1/products"), token).status())
                    .as(what + " at the gateway")
                    .isEqualTo(401);
            assertThat(http.get(stack.service(PlatformService.REGISTRY).uri("/api/registry/v1/products"), token)
                            .status())
                    .as(what + " at the registry called directly")
                    .isEqualTo(401);
        });
        assertThat(http.get(gateway("/api/registry/v1/products"), identities.platformAdmin())
                        .status())
                .as("the same user's access token")
                .isEqualTo(200);
    }

    @Test
    void aSignedInUserWithoutARoleIsRefusedAWriteBeforeABackendSeesIt() throws Exception {
        Map<String, String> domain =
                Map.of("id", "nr" + UUID.randomUUID().toString().substring(0, 8), "name", "No role");
        URI registry = stack.service(PlatformService.REGISTRY).uri("/api/registry/v1/domains");
        double postsBefore = registryPostsServed();

        PlatformClient.Reply refused = http.postJson(gateway("/api/registry/v1/domains"), identities.noRole(), domain);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw()).contains("problem");
        // The same call made straight to the registry is the one POST it serves (and refuses): its
        // request counter moves by one, so the gateway's refused call never reached it.
        assertThat(http.postJson(registry, identities.noRole(), domain).status())
                .isEqualTo(403);
        double postsAfter = Awaitility.await("the registry counts the direct call")
                .atMost(Duration.ofSeconds(10))
                .until(this::registryPostsServed, served -> served >= postsBefore + 1);
        assertThat(postsAfter)
                .as(
                        "POST requests the registry served: before the refused call %s, after it and one direct call",
                        postsBefore)
                .isEqualTo(postsBefore + 1);
    }

    /** Every POST the registry has answered, from its Prometheus metrics (public, no token). */
    private double registryPostsServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        stack.service(PlatformService.REGISTRY).uri("/q/metrics"))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String metrics = response.body();
        double served = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains("method=\"POST\"")) {
                served += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return served;
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private URI gateway(String path) {
        return stack.service(PlatformService.GATEWAY).uri(path);
    }
}

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request's trace crosses processes: the gateway's span, the registry's HTTP span, the outbox
 * relay's Kafka send, and the consuming spans in governance, lineage and the catalog all carry the
 * trace id the caller started.
 */
@ExtendWith(SharedStack.class)
class TracingE2ETest {

    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();

    @Test
    void aProductWriteThroughTheGatewayIsOneTraceIntoEveryConsumer() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentSpan = HexFormat.of().formatHex(randomBytes(8));
        String domain = "t" + UUID.randomUUID().toString().substring(0, 8);
        new PlatformClient()
                .postJson(
                        stack.service(PlatformService.GATEWAY).uri("/api/registry/v1/domains"),
                        identities.platformAdmin(),
                        Map.of("id", domain, "name", "Traced", "ownerGroup", "/domains/" + domain))
                .expect(201);
        String id = domain + "-orders";
        String yaml = Descriptors.product(
                id,
                domain,
                "Orders",
                "1.0.0",
                "Every order placed in the web shop, one row per order, for revenue reporting.",
                true,
                List.of(),
                null);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        stack.service(PlatformService.GATEWAY).uri("/api/registry/v1/products/" + id))
                                .header("Authorization", "Bearer " + identities.domainOwner(domain))
                                .header("Content-Type", "application/yaml")
                                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);

        Set<String> services = Awaitility.await("spans of trace " + traceId + " from the gateway to every consumer")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> stack.traces().spans().stream()
                                .filter(s -> traceId.equals(s.traceId()))
                                .map(OtlpTraceReceiver.ReceivedSpan::service)
                                .collect(Collectors.toSet()),
                        s -> s.containsAll(Set.of(
                                "tessera-gateway",
                                "product-registry-service",
                                "governance-service",
                                "lineage-service",
                                "catalog-service")));
        assertThat(services).hasSizeGreaterThanOrEqualTo(3);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // an all-zero id is invalid
        return b;
    }
}

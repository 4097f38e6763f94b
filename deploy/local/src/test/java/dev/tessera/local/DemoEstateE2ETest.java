package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run command's demo estate, seeded the way the run command seeds it (the realm's demo users,
 * through the gateway), is what a newcomer then finds through the gateway: published products in the
 * catalog, a pending access request and signed webhook deliveries.
 */
@ExtendWith(SharedStack.class)
class DemoEstateE2ETest {

    /** The retail products DemoSeed publishes; retail-promotions-legacy is rejected by governance. */
    private static final List<String> PUBLISHED_RETAIL = List.of(
            "retail-orders", "retail-customers", "retail-baskets", "retail-returns", "retail-stock", "retail-prices");

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void theDemoEstateIsSeededAsTheDemoUsersAndWorksThroughTheGateway() throws Exception {
        Path deliveries = stack.options().dataDir().resolve("logs/demo-webhooks.jsonl");
        try (DemoWebhookReceiver receiver = DemoWebhookReceiver.start(0, deliveries)) {
            new DemoSeed(stack, receiver.url()).run();

            // The consumer sees published products only: the six compliant retail products, never the
            // legacy one governance rejected.
            JsonNode retail = Awaitility.await("the retail products searchable for the demo consumer")
                    .atMost(Duration.ofSeconds(90))
                    .until(
                            () -> http.get(
                                            steps.api("/api/catalog/v1/search?domain=retail&limit=50"),
                                            identities.dataConsumer())
                                    .expect(200)
                                    .at("/items"),
                            items -> ids(items).containsAll(PUBLISHED_RETAIL));
            assertThat(ids(retail)).containsExactlyInAnyOrderElementsOf(PUBLISHED_RETAIL);
            retail.forEach(item -> assertThat(item.path("status").asText())
                    .as(item.path("id").asText())
                    .isEqualTo("PUBLISHED"));

            // Quality in every state: checked and passing, failing its row count, written too long ago,
            // and not checked yet.
            Map.of(
                            "retail-orders", "PASSING",
                            "retail-customers", "FAILING",
                            "retail-baskets", "STALE",
                            "retail-returns", "UNKNOWN")
                    .forEach((product, status) -> Awaitility.await(product + " " + status)
                            .atMost(Duration.ofSeconds(90))
                            .until(
                                    () -> http.get(
                                                    steps.api("/api/governance/v1/products/" + product + "/quality"),
                                                    identities.dataConsumer())
                                            .body()
                                            .path("status")
                                            .asText(),
                                    status::equals));

            // The pending access request is the demo consumer's own, for the finance ledger's table.
            List<JsonNode> pending = new ArrayList<>();
            http.get(steps.api("/api/governance/v1/access-requests?status=REQUESTED"), identities.dataConsumer())
                    .expect(200)
                    .at("/items")
                    .forEach(item -> {
                        if ("finance-ledger"
                                .equals(item.at("/request/productId").asText())) {
                            pending.add(item.path("request"));
                        }
                    });
            assertThat(pending).singleElement().satisfies(request -> {
                assertThat(request.path("portName").asText()).isEqualTo("finance-ledger-table");
                assertThat(request.path("status").asText()).isEqualTo("REQUESTED");
                assertThat(request.path("purpose").asText()).isEqualTo("Quarterly revenue report for the board");
            });

            Awaitility.await("a signed delivery to the demo subscriber")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> Files.exists(deliveries)
                            && Files.readString(deliveries).contains("\"signatureValid\":true"));
            assertThat(Files.readString(deliveries)).doesNotContain("\"signatureValid\":false");
        }
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}

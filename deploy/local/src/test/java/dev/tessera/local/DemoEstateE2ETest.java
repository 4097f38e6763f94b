package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void theDemoEstateIsSeededAsTheDemoUsersAndWorksThroughTheGateway() throws Exception {
        Path deliveries = stack.options().dataDir().resolve("logs/demo-webhooks.jsonl");
        try (DemoWebhookReceiver receiver = DemoWebhookReceiver.start(0, deliveries)) {
            new DemoSeed(stack, receiver.url()).run();

            List<String> retail = Awaitility.await("the retail products searchable for the demo consumer")
                    .atMost(Duration.ofSeconds(90))
                    .until(
                            () -> ids(http.get(
                                            steps.api("/api/catalog/v1/search?domain=retail&limit=50"),
                                            identities.dataConsumer())
                                    .expect(200)
                                    .at("/items")),
                            found -> found.containsAll(List.of("retail-orders", "retail-customers")));
            assertThat(retail).allMatch(id -> id.startsWith("retail-"));

            JsonNode requests = http.get(
                            steps.api("/api/governance/v1/access-requests?status=REQUESTED"),
                            identities.platformAdmin())
                    .expect(200)
                    .body();
            assertThat(requests.toString()).contains("finance-");

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

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testkit.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing is lost when a process dies or the broker goes away: writes are accepted meanwhile, and the
 * consumers catch up once everything is back.
 */
@ExtendWith(SharedStack.class)
class ResilienceE2ETest {

    private static final Duration RESTART = Duration.ofMinutes(3);

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();

    @Test
    void publishRequestsMadeWhileGovernanceIsDeadAreDecidedAfterItRestarts() {
        String domain = newDomain();
        String owner = TestTokens.domainOwner(domain);
        ManagedProcess governance = stack.service(PlatformService.GOVERNANCE);

        governance.kill();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = domain + "-p" + i;
            apply(owner, id, domain);
            requestPublish(owner, id);
            ids.add(id);
        }
        governance.start();
        governance.awaitReady(RESTART);

        for (String id : ids) {
            assertThat(awaitDecision(id)).isEqualTo("PUBLISHED");
        }
    }

    @Test
    void writesAcceptedWhileTheBrokerIsDownArriveWhenItIsBack() {
        String domain = newDomain();
        String owner = TestTokens.domainOwner(domain);
        String id = domain + "-offline";

        stack.kafka().stop();
        try {
            apply(owner, id, domain);
            requestPublish(owner, id);
        } finally {
            stack.kafka().restart();
        }

        assertThat(awaitDecision(id)).isEqualTo("PUBLISHED");
        // Lineage learned the product from the same events: its output port is a node there.
        Awaitility.await("lineage knows " + id)
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.get(
                                        lineage("/api/v1/lineage/graph?node=PRODUCT:" + id + "&direction=downstream"),
                                        TestTokens.platformAdmin())
                                .status()
                        == 200);
    }

    private String newDomain() {
        String domain = "r" + UUID.randomUUID().toString().substring(0, 8);
        http.postJson(
                        registry("/api/registry/v1/domains"),
                        TestTokens.platformAdmin(),
                        Map.of("id", domain, "name", "Domain " + domain, "ownerGroup", "/domains/" + domain))
                .expect(201);
        return domain;
    }

    private void apply(String owner, String id, String domain) {
        String yaml = Descriptors.product(
                id,
                domain,
                "Orders",
                "1.0.0",
                "Every order placed in the web shop, one row per order, for revenue reporting.",
                true,
                List.of(),
                null);
        http.put(registry("/api/registry/v1/products/" + id), owner, "application/yaml", yaml)
                .expect(200, 201);
    }

    private void requestPublish(String owner, String id) {
        http.postJson(
                        registry("/api/registry/v1/products/" + id + "/versions/1.0.0/transitions"),
                        owner,
                        Map.of("to", "PENDING_APPROVAL"))
                .expect(200);
    }

    private String awaitDecision(String id) {
        return Awaitility.await("governance decides on " + id)
                .atMost(Duration.ofSeconds(90))
                .until(
                        () -> {
                            JsonNode versions = http.get(
                                            registry("/api/registry/v1/products/" + id), TestTokens.platformAdmin())
                                    .expect(200)
                                    .at("/versions");
                            return versions.path(0).path("status").asText();
                        },
                        status -> !"PENDING_APPROVAL".equals(status));
    }

    private URI registry(String path) {
        return stack.service(PlatformService.REGISTRY).uri(path);
    }

    private URI lineage(String path) {
        return stack.service(PlatformService.LINEAGE).uri(path);
    }
}

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void publishRequestsMadeWhileGovernanceIsDeadAreDecidedAfterItRestarts() {
        String domain = steps.newDomain("r");
        String owner = identities.domainOwner(domain);
        ManagedProcess governance = stack.service(PlatformService.GOVERNANCE);

        governance.kill();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = domain + "-p" + i;
            apply(owner, id, domain);
            steps.requestPublish(owner, id, "1.0.0");
            ids.add(id);
        }
        governance.start();
        governance.awaitReady(RESTART);

        for (String id : ids) {
            assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
        }
    }

    @Test
    void writesAcceptedWhileTheBrokerIsDownArriveWhenItIsBack() {
        String domain = steps.newDomain("r");
        String owner = identities.domainOwner(domain);
        String id = domain + "-offline";

        stack.kafka().stop();
        try {
            apply(owner, id, domain);
            steps.requestPublish(owner, id, "1.0.0");
        } finally {
            stack.kafka().restart();
        }

        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
        // Lineage learned the product from the same events: its output port is a node there.
        Awaitility.await("lineage knows " + id)
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.get(
                                        steps.api("/api/v1/lineage/graph?node=PRODUCT:" + id + "&direction=downstream"),
                                        identities.platformAdmin())
                                .status()
                        == 200);
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
        steps.apply(owner, id, yaml);
    }
}

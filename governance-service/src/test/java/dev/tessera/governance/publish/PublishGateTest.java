package dev.tessera.governance.publish;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The governance half of the publish saga over the real broker: governance plays itself, the test
 * plays the registry by producing its publish requests and reading the decisions.
 */
@QuarkusTest
@GovernanceTestResources
class PublishGateTest {

    private final ProductEvents registry = new ProductEvents();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aCompliantVersionIsApproved() {
        String domain = unique("gate");
        String id = unique("orders");

        CloudEventRecord decision =
                decide(id, ProductEvents.publishRequested(id, domain, 2, ProductEvents.compliant(id, domain)));

        assertThat(decision.data().path("approved").asBoolean()).isTrue();
        assertThat(decision.data().path("version").asText()).isEqualTo("1.0.0");
        assertThat(decision.data().path("productSequence").asLong()).isEqualTo(2L);
        assertThat(decision.data().path("failures")).isEmpty();
    }

    @Test
    void aVersionFailingABlockingPolicyIsRejectedWithTheFailures() {
        String domain = unique("gate");
        String id = unique("orders");

        CloudEventRecord decision =
                decide(id, ProductEvents.publishRequested(id, domain, 2, ProductEvents.withoutOwner(id, domain)));

        assertThat(decision.data().path("approved").asBoolean()).isFalse();
        assertThat(decision.data().path("failures").findValuesAsText("policyId"))
                .containsExactly("owner-and-support");
        assertThat(decision.data().path("failures").get(0).path("remediation").asText())
                .isNotBlank();
    }

    private CloudEventRecord decide(String id, dev.tessera.events.product.ProductStateV1 request) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.GOVERNANCE)) {
            registry.send(EventType.PRODUCT_PUBLISH_REQUESTED, request);
            CloudEventRecord decision = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> reader.matching(e -> id.equals(e.key())
                                    && EventType.PUBLISH_DECIDED.type().equals(e.type())),
                            events -> !events.isEmpty())
                    .getFirst();
            assertThat(EventSchemas.validate(EventType.PUBLISH_DECIDED, decision.data()))
                    .isEmpty();
            assertThat(decision.subject()).isEqualTo(id);
            return decision;
        }
    }
}

package dev.tessera.governance.publish;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
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

    @Test
    void aBreakingChangeIsRejectedNamingEachConsumerWithItsDomainOwnersAndLink() {
        String domain = unique("gate");
        String consumerDomain = Api.knownDomain(unique("finance"));
        String id = unique("orders");
        String consumer = unique("revenue");
        ObjectNode consumerDescriptor = ProductEvents.compliant(consumer, consumerDomain);
        ((ObjectNode) consumerDescriptor.path("team").path("members").get(0)).put("username", "fay");
        registry.send(EventType.PRODUCT_CREATED, ProductEvents.state(consumer, consumerDomain, 1, consumerDescriptor));
        awaitEvaluation(consumer, "PRODUCT_CHANGED");
        registry.send(
                EventType.PRODUCT_STATUS_CHANGED,
                ProductEvents.published(id, domain, 1, ProductEvents.compliant(id, domain)));
        awaitEvaluation(id, "PRODUCT_CHANGED");
        registry.sendEdge(id, domain, consumer, consumerDomain, "INPUT_PORT");
        awaitEvaluation(id, "LINEAGE_CHANGED");

        CloudEventRecord decision = decide(
                id,
                ProductEvents.breakingMinorRequested(
                        id,
                        domain,
                        2,
                        ProductEvents.compliant(id, domain),
                        List.of(new ProductStateV1.Finding(
                                "BREAKING",
                                "property-removed",
                                "outputPorts[orders-table].contract.schema[orders].properties[order_id]",
                                "property order_id was removed"))));

        assertThat(decision.data().path("approved").asBoolean()).isFalse();
        JsonNode failure = decision.data().path("failures").get(0);
        assertThat(failure.path("policyId").asText()).isEqualTo("breaking-change-announced");
        assertThat(failure.path("message").asText())
                .contains("property order_id was removed")
                .contains(consumer + " (domain " + consumerDomain + ", owners fay, through a declared input port)")
                .contains("Publish it as a new major version")
                .doesNotContain("expression is false");
    }

    /** Waits until governance's latest evaluation of the product was taken for the trigger. */
    private static void awaitEvaluation(String productId, String trigger) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var response = Api.officer().get(Api.BASE + "/products/" + productId + "/evaluation");
                    return response.statusCode() == 200
                            && trigger.equals(response.jsonPath().getString("trigger"));
                });
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

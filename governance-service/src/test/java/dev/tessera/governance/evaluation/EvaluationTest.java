package dev.tessera.governance.evaluation;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@GovernanceTestResources
class EvaluationTest {

    private final ProductEvents registry = new ProductEvents();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aProductChangeIsEvaluatedAndPublishedWithItsSchema() {
        String domain = unique("eval");
        String id = unique("orders");
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.GOVERNANCE)) {
            registry.send(
                    EventType.PRODUCT_CREATED,
                    ProductEvents.state(id, domain, 1, ProductEvents.withoutOwner(id, domain)));

            CloudEventRecord event = await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.matching(e -> id.equals(e.key())), events -> !events.isEmpty())
                    .getFirst();

            assertThat(event.type()).isEqualTo(EventType.EVALUATION_COMPLETED.type());
            assertThat(event.sequence()).isEqualTo(1L);
            assertThat(EventSchemas.validate(EventType.EVALUATION_COMPLETED, event.data()))
                    .isEmpty();
            JsonNode owner = outcome(event.data().path("outcomes"), "owner-and-support");
            assertThat(owner.path("outcome").asText()).isEqualTo("FAIL");
            assertThat(owner.path("remediation").asText()).contains("owner");
            assertThat(owner.path("evidence").has("product.team.members")).isTrue();
            assertThat(event.data().path("blockingFailures").asInt()).isPositive();
            assertThat(event.data().path("score").asDouble()).isLessThan(100.0);
        }
        Api.officer()
                .get(Api.BASE + "/products/" + id + "/evaluation")
                .then()
                .statusCode(200)
                .body("trigger", org.hamcrest.Matchers.equalTo("PRODUCT_CHANGED"));
    }

    @Test
    void theSameEventDeliveredTwiceIsEvaluatedOnce() {
        String domain = unique("dup");
        String id = unique("orders");
        var state = ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain));
        String eventId = registry.send(EventType.PRODUCT_CREATED, state);
        registry.send(eventId, EventType.PRODUCT_CREATED, state);
        // A later event proves both earlier deliveries were consumed before the count is taken.
        registry.send(
                EventType.PRODUCT_UPDATED, ProductEvents.state(id, domain, 2, ProductEvents.compliant(id, domain)));

        List<Integer> sequences = awaitEvaluations(id, 2);

        assertThat(sequences).containsExactly(2, 1);
    }

    @Test
    void anOlderSequenceThanTheLastAppliedIsIgnored() {
        String domain = unique("stale");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_UPDATED, ProductEvents.state(id, domain, 5, ProductEvents.compliant(id, domain)));
        registry.send(
                EventType.PRODUCT_UPDATED, ProductEvents.state(id, domain, 4, ProductEvents.withoutOwner(id, domain)));
        registry.send(
                EventType.PRODUCT_UPDATED, ProductEvents.state(id, domain, 6, ProductEvents.compliant(id, domain)));

        awaitEvaluations(id, 2);

        List<Integer> productSequences = Api.officer()
                .get(Api.BASE + "/products/" + id + "/evaluations")
                .then()
                .extract()
                .path("items.productSequence");
        assertThat(productSequences).containsExactly(6, 5);
    }

    @Test
    void aPolicyChangeReEvaluatesExistingProductsWithinFiveSeconds() {
        String domain = Api.knownDomain(unique("reeval"));
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
        awaitEvaluations(id, 1);
        String policyId = unique("needs-tags");
        Map<String, Object> policy = Api.policy(policyId, domain, "BLOCKING", "has(product.tags)");

        Api.as(TestTokens.domainOwner(domain))
                .contentType(ContentType.JSON)
                .body(policy)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode latest = ProductEvents.JSON.readTree(Api.officer()
                            .get(Api.BASE + "/products/" + id + "/evaluation")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
                    assertThat(latest.path("trigger").asText()).isEqualTo("POLICY_CHANGED");
                    assertThat(outcome(latest.path("outcomes"), policyId)
                                    .path("outcome")
                                    .asText())
                            .isEqualTo("FAIL");
                });
    }

    @Test
    void domainAndPlatformScoresAggregateProducts() {
        String domain = unique("score");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
        awaitEvaluations(id, 1);

        Api.officer()
                .get(Api.BASE + "/scores/domains/" + domain)
                .then()
                .statusCode(200)
                .body("products", org.hamcrest.Matchers.equalTo(1))
                .body("rating", org.hamcrest.Matchers.notNullValue());
        Api.officer()
                .get(Api.BASE + "/scores/platform")
                .then()
                .statusCode(200)
                .body("products", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void aDryRunEvaluatesAnUnsavedPolicyAgainstOneDescriptor() {
        String domain = unique("dry");
        Map<String, Object> body = Map.of(
                "policy", Api.policy("draft", domain, "WARNING", "size(product.outputPorts) >= 2"),
                "descriptor", ProductEvents.compliant("p", domain));

        Api.as(TestTokens.domainOwner(domain))
                .contentType(ContentType.JSON)
                .body(body)
                .post(Api.BASE + "/policies/dry-run")
                .then()
                .statusCode(200)
                .body("results[0].outcome", org.hamcrest.Matchers.equalTo("FAIL"))
                .body("summary.FAIL", org.hamcrest.Matchers.equalTo(1));
    }

    private static List<Integer> awaitEvaluations(String productId, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Api.officer()
                                .get(Api.BASE + "/products/" + productId + "/evaluations")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Integer>>path("items.sequence"),
                        s -> s.size() >= count);
    }

    static JsonNode outcome(JsonNode outcomes, String policyId) {
        for (JsonNode o : outcomes) {
            if (policyId.equals(o.path("policyId").asText())) {
                return o;
            }
        }
        throw new AssertionError("no outcome for " + policyId + " in " + outcomes);
    }
}

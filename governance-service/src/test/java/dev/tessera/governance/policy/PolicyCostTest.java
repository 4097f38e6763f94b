package dev.tessera.governance.policy;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.governance.policy.service.PolicyCatalog;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A policy may not cost governance more than its budget: an expression whose worst case is over it
 * is refused before it runs, and a run that goes over it anyway is an ERROR for that policy alone.
 */
@QuarkusTest
@GovernanceTestResources
class PolicyCostTest {

    /** 100 x 100 iterations, each building a string twice the size of the product's purpose. */
    private static final String MEMORY_BOMB = "size(%1$s.map(a, %1$s.map(b,"
                    .formatted(IntStream.range(0, 100)
                            .mapToObj(Integer::toString)
                            .collect(Collectors.joining(",", "[", "]")))
            + " product.description.purpose + product.description.purpose))) > 0";

    private final ProductEvents registry = new ProductEvents();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aMemoryBombIsRefusedNamingTheLimitAndTheServiceKeepsAnswering() {
        String domain = Api.knownDomain(unique("bomb"));
        String owner = TestTokens.domainOwner(domain);
        ObjectNode descriptor = ProductEvents.compliant(unique("orders"), domain);
        ((ObjectNode) descriptor.path("description")).put("purpose", "x".repeat(1_000));
        Map<String, Object> policy = Api.policy(unique("bomb"), domain, "WARNING", MEMORY_BOMB);

        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("policy", policy, "descriptor", descriptor))
                .post(Api.BASE + "/policies/dry-run")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo("/expression"))
                .body("detail", containsString("tessera.governance.policy.max-cost"))
                .body("limit.name", equalTo("tessera.governance.policy.max-cost"));
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(policy)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(400)
                .body("detail", containsString("tessera.governance.policy.max-cost"));

        Api.as(owner).get(Api.BASE + "/policies/" + policy.get("id")).then().statusCode(404);
        Api.as(owner).get(Api.BASE + "/policies?scope=" + domain).then().statusCode(200);
    }

    @Inject
    PolicyCatalog policies;

    @Test
    void aPoisonedProductIsEvaluatedToErrorAndTheConsumerMovesOn() throws Exception {
        String domain = Api.knownDomain(unique("poison"));
        String policyId = unique("reads-purpose");
        // Cheap to plan (it builds nothing), dear to run on a product made for it: every tag reads the purpose.
        Api.createPolicy(
                TestTokens.domainOwner(domain),
                Api.policy(policyId, domain, "WARNING", "product.tags.all(t, size(product.description.purpose) > 0)"));
        // A saved policy is in force once the catalog has loaded it; products sent before that miss it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> policies.applicableTo(domain).stream().anyMatch(p -> p.id().equals(policyId)));
        String poisoned = unique("poisoned");
        ObjectNode descriptor = ProductEvents.compliant(poisoned, domain);
        ((ObjectNode) descriptor.path("description")).put("purpose", "x".repeat(60_000));
        IntStream.range(0, 200).forEach(i -> descriptor.withArray("tags").add("t" + i));
        String next = unique("next");

        registry.send(EventType.PRODUCT_CREATED, ProductEvents.state(poisoned, domain, 1, descriptor));
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(next, domain, 1, ProductEvents.compliant(next, domain)));

        // The consumer settles the poisoned record and goes on to the next one.
        await().atMost(Duration.ofSeconds(30)).until(() -> latest(poisoned) != null && latest(next) != null);
        JsonNode evaluation = latest(poisoned);
        assertThat(evaluation).isNotNull();
        JsonNode outcome = EvaluationOutcomes.of(evaluation, policyId);
        assertThat(outcome.path("outcome").asText()).isEqualTo("ERROR");
        assertThat(outcome.path("message").asText()).contains("tessera.governance.policy.max-cost");
    }

    private static JsonNode latest(String productId) throws Exception {
        var response = Api.officer().get(Api.BASE + "/products/" + productId + "/evaluation");
        return response.statusCode() == 200 ? ProductEvents.JSON.readTree(response.asString()) : null;
    }

    /** Finds one policy's outcome in an evaluation. */
    private static final class EvaluationOutcomes {
        static JsonNode of(JsonNode evaluation, String policyId) {
            for (JsonNode o : evaluation.path("outcomes")) {
                if (policyId.equals(o.path("policyId").asText())) {
                    return o;
                }
            }
            throw new AssertionError("no outcome for " + policyId + " in " + evaluation);
        }
    }
}

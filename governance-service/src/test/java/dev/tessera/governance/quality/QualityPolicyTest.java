package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.PORT;
import static dev.tessera.governance.quality.QualityFixtures.awaitKnown;
import static dev.tessera.governance.quality.QualityFixtures.awaitStatus;
import static dev.tessera.governance.support.Api.BASE;
import static dev.tessera.governance.support.Api.unique;
import static dev.tessera.governance.support.QualityObservations.assertion;
import static dev.tessera.governance.support.QualityObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.governance.policy.service.PolicyCatalog;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.QualityObservations;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Policies see a product's quality as the {@code quality} variable; a status change evaluates the
 * product again, so scores and the publish gate follow quality.
 */
@QuarkusTest
@GovernanceTestResources
class QualityPolicyTest {

    private static final String RECENTLY_PASSED =
            "quality.status == 'PASSING' && now - quality.lastCheckedAt < duration('24h')";

    @Inject
    PolicyCatalog policies;

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void aPolicyCanAskThatChecksPassedInTheLast24Hours() {
        String domain = Api.knownDomain(unique("qpol"));
        String policy = unique("recent");
        Api.createPolicy(TestTokens.platformAdmin(), Api.policy(policy, domain, "WARNING", RECENTLY_PASSED));
        awaitInForce(domain, policy);
        String recent = product(domain);
        String old = product(domain);

        lineage.send(passing(recent, domain, Instant.now()));
        lineage.send(passing(old, domain, Instant.now().minus(Duration.ofHours(48))));

        assertThat(awaitOutcome(recent, policy, "QUALITY_CHANGED").get("outcome"))
                .isEqualTo("PASS");
        assertThat(awaitOutcome(old, policy, "QUALITY_CHANGED").get("outcome")).isEqualTo("FAIL");
    }

    @Test
    void theStarterQualityPolicyCountsInTheScoreWithTheFailingChecksAsEvidence() {
        String domain = unique("qpol");
        String id = product(domain);
        double before = score(id);

        lineage.send(observation(
                id,
                domain,
                PORT,
                Instant.now(),
                true,
                List.of(assertion("not_null", false, "order_id", "error")),
                null));
        Map<String, Object> outcome = awaitOutcome(id, "quality-checks-pass", "QUALITY_CHANGED");

        assertThat(outcome.get("outcome")).isEqualTo("FAIL");
        assertThat(outcome.get("severity")).isEqualTo("WARNING");
        assertThat((String) outcome.get("remediation")).contains("/quality");
        assertThat(outcome.get("evidence").toString()).contains("not_null").contains("order_id");
        assertThat(score(id)).isLessThan(before);
    }

    @Test
    void aBlockingDomainPolicyOnQualityKeepsAFailingProductFromBeingPublished() {
        String domain = Api.knownDomain(unique("qgate"));
        String policy = unique("no-failing");
        Api.createPolicy(
                TestTokens.platformAdmin(), Api.policy(policy, domain, "BLOCKING", "quality.status != 'FAILING'"));
        awaitInForce(domain, policy);
        String id = product(domain);
        lineage.send(observation(
                id, domain, PORT, Instant.now(), true, List.of(assertion("unique", false, "order_id", "error")), null));
        awaitStatus(id, "FAILING");

        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.GOVERNANCE)) {
            registry.send(
                    EventType.PRODUCT_PUBLISH_REQUESTED,
                    ProductEvents.publishRequested(id, domain, 2, ProductEvents.compliant(id, domain)));
            CloudEventRecord decision = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> reader.matching(e -> id.equals(e.key())
                                    && EventType.PUBLISH_DECIDED.type().equals(e.type())),
                            events -> !events.isEmpty())
                    .getFirst();
            assertThat(EventSchemas.validate(EventType.PUBLISH_DECIDED, decision.data()))
                    .isEmpty();
            assertThat(decision.data().path("approved").asBoolean()).isFalse();
            assertThat(decision.data().path("failures").findValuesAsText("policyId"))
                    .containsExactly(policy);
        }
    }

    /**
     * Waits until the policies in force here include the new one: they are reloaded on a schedule,
     * so a product evaluated right after the policy was saved could meet the previous set.
     */
    private void awaitInForce(String domain, String policy) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> policies.applicableTo(domain).stream().anyMatch(p -> policy.equals(p.id())));
    }

    private String product(String domain) {
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
        awaitKnown(id);
        return id;
    }

    private static dev.tessera.events.quality.QualityObservationV1 passing(String id, String domain, Instant at) {
        return observation(id, domain, PORT, at, true, List.of(assertion("unique", true, "order_id", "error")), null);
    }

    private static double score(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.officer().get(BASE + "/products/" + id + "/evaluation"), r -> r.statusCode() == 200)
                .jsonPath()
                .getDouble("score");
    }

    /** The outcome of a policy in the product's latest evaluation, once it was made for the given trigger. */
    private static Map<String, Object> awaitOutcome(String id, String policyId, String trigger) {
        JsonPath evaluation = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Api.officer()
                                .get(BASE + "/products/" + id + "/evaluation")
                                .then()
                                .extract()
                                .jsonPath(),
                        e -> trigger.equals(e.getString("trigger")));
        List<Map<String, Object>> outcomes = evaluation.getList("outcomes");
        return outcomes.stream()
                .filter(o -> policyId.equals(o.get("policyId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outcome of " + policyId + " in " + outcomes));
    }
}

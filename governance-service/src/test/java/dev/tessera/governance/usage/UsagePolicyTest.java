package dev.tessera.governance.usage;

import static dev.tessera.governance.support.Api.BASE;
import static dev.tessera.governance.support.Api.unique;
import static dev.tessera.governance.support.UsageRecords.shadow;
import static dev.tessera.governance.support.UsageRecords.unused;
import static dev.tessera.governance.support.UsageRecords.usage;
import static dev.tessera.governance.support.UsageRecords.withReads;
import static dev.tessera.governance.support.UsageRecords.withShadows;
import static dev.tessera.governance.support.UsageRecords.withViews;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.UsageRecords;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Policies see lineage's usage records as the {@code usage} variable: a record that reports a change
 * that matters evaluates the product again, a daily refresh does not, and a stale record is ignored.
 */
@QuarkusTest
@GovernanceTestResources
class UsagePolicyTest {

    private static final String NO_SHADOWS = "no-shadow-consumers";
    private static final String USED = "used-within-90-days";

    private final ProductEvents registry = new ProductEvents();
    private final UsageRecords lineage = new UsageRecords();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void aShadowConsumerFailsTheStarterPolicyWithItsJobAsEvidence() {
        String domain = unique("ushadow");
        String id = product(domain);

        lineage.send(withShadows(
                usage(id, domain, 1, "SHADOW_CONSUMER_FOUND"),
                shadow("spark/revenue-nightly", "finance-revenue", "finance", 12)));
        Map<String, Object> outcome = awaitOutcome(id, NO_SHADOWS, 1);

        assertThat(outcome.get("outcome")).isEqualTo("FAIL");
        assertThat(outcome.get("severity")).isEqualTo("WARNING");
        assertThat(evidence(outcome).get("usage.shadowConsumers")).isEqualTo(List.of("spark/revenue-nightly"));
        assertThat((String) outcome.get("message"))
                .startsWith("1 job reads this product without an access grant or a declared input port:")
                .contains("spark/revenue-nightly (writes finance-revenue of domain finance; 12 runs in 30 days");
        assertThat((String) outcome.get("remediation")).contains("/usage");
    }

    @Test
    void aProductLineageHasNotReportedSeesAnEmptyUsageAndPassesTheUsagePolicies() {
        String domain = Api.knownDomain(unique("unone"));
        String policy = unique("empty-usage");
        Api.createPolicy(
                TestTokens.platformAdmin(),
                Api.policy(
                        policy,
                        domain,
                        "WARNING",
                        "usage.consumers.total == 0 && !usage.unused && usage.asOf == null"
                                + " && usage.daysSinceLastUse == null && size(usage.shadowConsumers) == 0"));
        String id = product(domain);

        JsonPath evaluation = evaluatedWith(id, policy);

        assertThat(outcomeOf(evaluation, policy).get("outcome")).isEqualTo("PASS");
        assertThat(outcomeOf(evaluation, NO_SHADOWS).get("outcome")).isEqualTo("PASS");
        assertThat(outcomeOf(evaluation, USED).get("outcome")).isEqualTo("PASS");
    }

    @Test
    void aDomainPolicyReadsReadsViewsAndTimes() {
        String domain = Api.knownDomain(unique("ufields"));
        String policy = unique("popular");
        Api.createPolicy(
                TestTokens.platformAdmin(),
                Api.policy(
                        policy,
                        domain,
                        "WARNING",
                        "now - usage.lastReadAt < duration('24h') && usage.readsLast30Days >= 10"
                                + " && usage.viewersLast30Days >= 2 && usage.consumers.declared == 1"));
        String id = product(domain);
        evaluatedWith(id, policy);

        lineage.send(withViews(
                withReads(
                        usage(id, domain, 1, "CONSUMER_ADDED"),
                        25,
                        Instant.now().minus(Duration.ofHours(1))),
                40,
                3,
                Instant.now()));

        assertThat(awaitOutcome(id, policy, 1).get("outcome")).isEqualTo("PASS");
    }

    @Test
    void aDailyRefreshUpdatesTheUsageWithoutEvaluatingTheProduct() {
        String domain = unique("urefresh");
        String id = product(domain);
        lineage.send(usage(id, domain, 1, "CONSUMER_ADDED"));
        awaitOutcome(id, NO_SHADOWS, 1);

        lineage.send(withReads(usage(id, domain, 2, "REFRESHED"), 42, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dryRun(id, "usage.readsLast30Days == 42"))
                .isEqualTo("PASS"));
        assertThat(usageEvaluations(id)).isEqualTo(1);

        lineage.send(
                withShadows(usage(id, domain, 3, "SHADOW_CONSUMER_FOUND"), shadow("adhoc/notebook", null, null, 1)));

        assertThat(awaitOutcome(id, NO_SHADOWS, 2).get("outcome")).isEqualTo("FAIL");
        assertThat(usageEvaluations(id)).isEqualTo(2);
    }

    @Test
    void aRecordOlderThanTheStoredOneIsIgnored() {
        String domain = unique("ustale");
        String id = product(domain);
        lineage.send(withShadows(usage(id, domain, 5, "SHADOW_CONSUMER_FOUND"), shadow("etl/first", null, null, 2)));
        assertThat(awaitOutcome(id, NO_SHADOWS, 1).get("outcome")).isEqualTo("FAIL");

        // Older: it would clear the shadow consumer and evaluate the product, were it applied.
        lineage.send(usage(id, domain, 4, "CONSUMER_ADDED"));
        lineage.send(withShadows(usage(id, domain, 6, "SHADOW_CONSUMER_FOUND"), shadow("etl/second", null, null, 1)));

        Map<String, Object> outcome = awaitOutcome(id, NO_SHADOWS, 2);
        assertThat(evidence(outcome).get("usage.shadowConsumers")).isEqualTo(List.of("etl/second"));
        assertThat(usageEvaluations(id)).isEqualTo(2);
        assertThat(dryRun(id, "usage.consumers.shadow == 1")).isEqualTo("PASS");
    }

    @Test
    void aProductUnusedFor90DaysFailsTheUnusedPolicyAndPassesOnceUsedAgain() {
        String domain = unique("uunused");
        String id = product(domain);
        Instant lastRead = Instant.now().minus(Duration.ofDays(120));

        lineage.send(unused(
                withReads(usage(id, domain, 1, "BECAME_UNUSED"), 0, lastRead), 90, lastRead.plus(Duration.ofDays(90))));
        Map<String, Object> outcome = awaitOutcome(id, USED, 1);

        assertThat(outcome.get("outcome")).isEqualTo("FAIL");
        assertThat((String) outcome.get("message"))
                .isEqualTo("Nobody has read this product or opened its catalog page for 120 days;"
                        + " it is a candidate for deprecation.");
        assertThat(evidence(outcome)).containsEntry("usage.unused", true).containsKey("usage.lastReadAt");

        lineage.send(withReads(usage(id, domain, 2, "BECAME_USED"), 1, Instant.now()));

        assertThat(awaitOutcome(id, USED, 2).get("outcome")).isEqualTo("PASS");
    }

    @Test
    void underAShorterThresholdAProductIsNotUnusedFor90DaysYet() {
        String domain = unique("ushort");
        String id = product(domain);
        Instant lastRead = Instant.now().minus(Duration.ofDays(40));

        lineage.send(unused(
                withReads(usage(id, domain, 1, "BECAME_UNUSED"), 0, lastRead), 30, lastRead.plus(Duration.ofDays(30))));

        assertThat(awaitOutcome(id, USED, 1).get("outcome")).isEqualTo("PASS");
    }

    @Test
    void usageThatArrivesBeforeTheProductIsSeenWhenTheProductIs() {
        String domain = unique("uearly");
        String id = unique("orders");
        lineage.send(withShadows(usage(id, domain, 1, "SHADOW_CONSUMER_FOUND"), shadow("etl/early", null, null, 4)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dryRun(id, "usage.consumers.shadow == 1"))
                .isEqualTo("PASS"));

        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));

        Map<String, Object> outcome = outcomeOf(latestEvaluation(id), NO_SHADOWS);
        assertThat(outcome.get("outcome")).isEqualTo("FAIL");
        assertThat(evidence(outcome).get("usage.shadowConsumers")).isEqualTo(List.of("etl/early"));
    }

    private String product(String domain) {
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
        latestEvaluation(id);
        return id;
    }

    private static JsonPath latestEvaluation(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.officer().get(BASE + "/products/" + id + "/evaluation"), r -> r.statusCode() == 200)
                .jsonPath();
    }

    /**
     * The product's latest evaluation once it includes the policy: a replica compiles a new policy
     * shortly after it was saved, and an evaluation made before that does not run it.
     */
    private static JsonPath evaluatedWith(String id, String policyId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> latestEvaluation(id), e -> e.getList("outcomes.policyId")
                        .contains(policyId));
    }

    /** The product's evaluations caused by lineage's usage records, newest first. */
    private static List<Map<String, Object>> usageEvaluationsOf(String id) {
        List<Map<String, Object>> evaluations = Api.officer()
                .get(BASE + "/products/" + id + "/evaluations?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return evaluations.stream()
                .filter(e -> "USAGE_CHANGED".equals(e.get("trigger")))
                .toList();
    }

    private static int usageEvaluations(String id) {
        return usageEvaluationsOf(id).size();
    }

    /**
     * The policy's outcome in the newest evaluation made for a usage record, once {@code count} were
     * made (other tests' policy changes evaluate every product too, so it need not be the latest).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitOutcome(String id, String policyId, int count) {
        List<Map<String, Object>> evaluations =
                await().atMost(Duration.ofSeconds(30)).until(() -> usageEvaluationsOf(id), e -> e.size() >= count);
        List<Map<String, Object>> outcomes =
                (List<Map<String, Object>>) evaluations.getFirst().get("outcomes");
        return outcomes.stream()
                .filter(o -> policyId.equals(o.get("policyId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outcome of " + policyId + " in " + outcomes));
    }

    private static Map<String, Object> outcomeOf(JsonPath evaluation, String policyId) {
        List<Map<String, Object>> outcomes = evaluation.getList("outcomes");
        return outcomes.stream()
                .filter(o -> policyId.equals(o.get("policyId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outcome of " + policyId + " in " + outcomes));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evidence(Map<String, Object> outcome) {
        return (Map<String, Object>) outcome.get("evidence");
    }

    /** The outcome of an unsaved global policy on the stored product, as a dry run gives it. */
    private static String dryRun(String id, String expression) {
        return Api.officer()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "policy",
                        Api.policy("probe", "GLOBAL", "WARNING", expression),
                        "descriptor",
                        Map.of("id", id, "version", "1.0.0")))
                .post(BASE + "/policies/dry-run")
                .then()
                .statusCode(200)
                .extract()
                .path("results[0].outcome");
    }
}

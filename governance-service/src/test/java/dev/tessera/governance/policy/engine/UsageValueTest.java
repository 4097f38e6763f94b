package dev.tessera.governance.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.usage.UsageStateV1;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code usage} variable as policies see it: every field present, times as timestamps, days counted. */
class UsageValueTest {

    private static final CelPolicyCompiler COMPILER = new CelPolicyCompiler();
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aProductLineageHasNotReportedIsUsedByNobodyAndNotUnused() throws Exception {
        ProductContext context = ProductContext.at(NOW).with(PolicyVariable.PRODUCT, descriptor());

        assertThat(run(
                        "usage.consumers.total == 0 && usage.consumers.shadow == 0 && size(usage.shadowConsumers) == 0"
                                + " && usage.readsLast30Days == 0 && usage.pageViewsLast30Days == 0 && !usage.unused"
                                + " && usage.lastReadAt == null && usage.daysSinceLastUse == null && usage.asOf == null",
                        context))
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void timesAreTimestampsAndCountsAreIntegers() throws Exception {
        UsageStateV1 state = state(
                new UsageStateV1.Counts(2, 1, 3, 1, 4),
                NOW.minus(Duration.ofHours(3)),
                new UsageStateV1.Attention(7, 3, 2, NOW.minus(Duration.ofDays(2))),
                false,
                null,
                List.of(shadow("etl/churn", "churn-model", "marketing", 12)));
        ProductContext context = context(state);

        assertThat(run(
                        "now - usage.lastReadAt < duration('24h') && usage.lastViewedAt < usage.lastReadAt"
                                + " && usage.consumers.declared == 2 && usage.consumers.total == 4"
                                + " && usage.pageViewsLast30Days == 7 && usage.viewersLast30Days == 3"
                                + " && usage.shadowConsumers[0].job == 'etl/churn' && usage.shadowConsumers[0].runs > 10"
                                + " && now - usage.shadowConsumers[0].lastReadAt < duration('48h')"
                                + " && usage.daysSinceLastUse == 0",
                        context))
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void daysSinceLastUseCountsFromTheLaterOfTheLastReadAndTheLastView() {
        UsageStateV1 readLong = state(
                counts(0),
                NOW.minus(Duration.ofDays(120)),
                new UsageStateV1.Attention(0, 0, 0, NOW.minus(Duration.ofDays(95))),
                true,
                NOW.minus(Duration.ofDays(5)),
                List.of());

        assertThat(UsageValue.daysSinceLastUse(readLong, NOW)).isEqualTo(95L);
    }

    @Test
    void anUnusedProductNeverUsedCountsFromItsPublicationAsTheThresholdTells() {
        UsageStateV1 neverUsed = state(
                counts(0), null, null, true, NOW.minus(Duration.ofDays(10)).minusSeconds(60), List.of());
        UsageStateV1 recentlyPublished = state(counts(0), null, null, false, null, List.of());

        assertThat(UsageValue.daysSinceLastUse(neverUsed, NOW)).isEqualTo(100L);
        assertThat(UsageValue.daysSinceLastUse(recentlyPublished, NOW)).isNull();
    }

    @Test
    void aShadowConsumerPolicyReportsEveryListedJobAsEvidence() throws Exception {
        ProductContext context = context(state(
                counts(2),
                NOW,
                null,
                false,
                null,
                List.of(shadow("etl/churn", "churn-model", "marketing", 12), shadow("adhoc/notebook", null, null, 1))));

        PolicyResult result = EVALUATOR.evaluate(policy("usage.consumers.shadow == 0"), context);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.evidence().path("usage.shadowConsumers").toString())
                .isEqualTo("[\"etl/churn\",\"adhoc/notebook\"]");
        assertThat(result.evidence().path("usage.consumers.shadow").asInt()).isEqualTo(2);
    }

    /** Used by the starter pack's check: a product that fails both usage policies. */
    static JsonNode unusedWithAShadowConsumer(Instant now) {
        return UsageValue.of(
                state(
                        counts(1),
                        now.minus(Duration.ofDays(100)),
                        null,
                        true,
                        now.minus(Duration.ofDays(10)),
                        List.of(shadow("etl/churn", "churn-model", "marketing", 3))),
                now);
    }

    private static Outcome run(String expression, ProductContext context) throws Exception {
        PolicyResult result = EVALUATOR.evaluate(policy(expression), context);
        assertThat(result.outcome()).as(result.message()).isNotEqualTo(Outcome.ERROR);
        return result.outcome();
    }

    private static ExecutablePolicy policy(String expression) throws PolicyCompileException {
        return new ExecutablePolicy(
                "p",
                1,
                "a policy",
                PolicySeverity.WARNING,
                1,
                PolicyTarget.PRODUCT,
                "fix it",
                COMPILER.compile(expression));
    }

    private static ProductContext context(UsageStateV1 state) throws Exception {
        return ProductContext.at(NOW)
                .with(PolicyVariable.PRODUCT, descriptor())
                .with(PolicyVariable.USAGE, UsageValue.of(state, NOW));
    }

    private static JsonNode descriptor() throws Exception {
        return new ObjectMapper().readTree("{\"id\":\"orders\",\"version\":\"1.0.0\"}");
    }

    private static UsageStateV1.Counts counts(int shadow) {
        return new UsageStateV1.Counts(0, 0, shadow, shadow, shadow);
    }

    private static UsageStateV1.Consumer shadow(String job, String productId, String domainId, long runs) {
        return new UsageStateV1.Consumer(
                List.of("OBSERVED"),
                productId,
                domainId,
                job,
                null,
                runs,
                NOW.minus(Duration.ofDays(20)),
                NOW.minus(Duration.ofHours(30)));
    }

    private static UsageStateV1 state(
            UsageStateV1.Counts counts,
            Instant lastReadAt,
            UsageStateV1.Attention attention,
            boolean unused,
            Instant unusedSince,
            List<UsageStateV1.Consumer> shadows) {
        return new UsageStateV1(
                "orders",
                "sales",
                1,
                counts,
                5,
                lastReadAt,
                attention,
                unused,
                90,
                unusedSince,
                shadows,
                shadows.size(),
                new UsageStateV1.Change(unused ? "BECAME_UNUSED" : "REFRESHED", null),
                NOW);
    }
}

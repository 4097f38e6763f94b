package dev.tessera.lineage.usage.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.usage.model.UsageFacts.Reported;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a product's consumers, kinds, shadow consumers and unused are decided from what is stored. */
class ProductUsageTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Window MONTH = Window.of(NOW, 30);

    @Test
    void aConsumerOfSeveralSourcesIsOneConsumerWithEveryKind() {
        UsageFacts facts = facts(
                Map.of("revenue", "finance"),
                List.of(grant("r1", "revenue", "ACTIVE")),
                List.of(job("airflow/revenue", "revenue", 4, NOW.minusSeconds(60))));

        ProductUsage usage = ProductUsage.from(facts, MONTH, 90);

        assertThat(usage.consumers()).singleElement().satisfies(consumer -> {
            assertThat(consumer.kinds())
                    .containsExactly(ConsumerKind.DECLARED, ConsumerKind.GRANTED, ConsumerKind.OBSERVED);
            assertThat(consumer.shadow()).isFalse();
            assertThat(consumer.runs()).isEqualTo(4);
            assertThat(consumer.latestJob()).isEqualTo("airflow/revenue");
        });
        assertThat(usage.counts()).isEqualTo(new ProductUsage.Counts(1, 1, 1, 0, 1));
    }

    @Test
    void observedWithoutAnActiveGrantOrADeclarationIsShadowAndAnEndedGrantIsPast() {
        UsageFacts facts = facts(
                Map.of(),
                List.of(grant("r1", "churn", "REVOKED")),
                List.of(
                        job("spark/churn", "churn", 2, NOW.minusSeconds(600)),
                        job("notebook/adhoc", null, 1, NOW.minusSeconds(60))));

        ProductUsage usage = ProductUsage.from(facts, MONTH, 90);

        assertThat(usage.shadowConsumers())
                .extracting(Consumer::key)
                .containsExactly(ConsumerKeys.job("notebook/adhoc"), ConsumerKeys.product("churn"));
        assertThat(usage.consumers().get(1).grants())
                .extracting(Grant::requestId)
                .containsExactly("r1");
        assertThat(usage.pastGrants()).extracting(Grant::requestId).containsExactly("r1");
        assertThat(usage.counts()).isEqualTo(new ProductUsage.Counts(0, 0, 2, 2, 2));
    }

    @Test
    void aJobThatLastReadBeforeTheWindowIsNoConsumerButItsReadIsTheLastRead() {
        Instant longAgo = NOW.minus(Duration.ofDays(45));
        UsageFacts facts = facts(Map.of(), List.of(), List.of(job("cron/old", null, 0, longAgo)));

        ProductUsage usage = ProductUsage.from(facts, MONTH, 90);

        assertThat(usage.consumers()).isEmpty();
        assertThat(usage.lastReadAt()).isEqualTo(longAgo);
        assertThat(usage.unused()).isFalse();
        assertThat(ProductUsage.from(facts, Window.of(NOW, 60), 90).consumers()).hasSize(1);
    }

    @Test
    void theProductsOwnJobsAndItsOwnGrantsAndDeclarationsAreNotConsumers() {
        UsageFacts facts = facts(
                Map.of("orders", "sales"),
                List.of(grant("r1", "orders", "ACTIVE")),
                List.of(job("airflow/orders-compaction", "orders", 3, NOW)));

        assertThat(ProductUsage.from(facts, MONTH, 90).consumers()).isEmpty();
    }

    @Test
    void unusedCountsFromTheLastReadPageViewOrPublicationWhicheverIsLatest() {
        Instant published = NOW.minus(Duration.ofDays(200));
        UsageFacts read = new UsageFacts(
                "orders",
                "sales",
                published,
                Map.of(),
                List.of(),
                List.of(job("cron/old", null, 0, NOW.minus(Duration.ofDays(91)))),
                Map.of(),
                new Attention(3, 2, 1, NOW.minus(Duration.ofDays(95))),
                Reported.NOTHING);
        ProductUsage usage = ProductUsage.from(read, MONTH, 90);
        assertThat(usage.unused()).isTrue();
        assertThat(usage.unusedSince()).isEqualTo(NOW.minus(Duration.ofDays(1)));

        UsageFacts viewedLately = new UsageFacts(
                "orders",
                "sales",
                published,
                Map.of(),
                List.of(),
                List.of(),
                Map.of(),
                new Attention(3, 2, 1, NOW.minus(Duration.ofDays(89))),
                Reported.NOTHING);
        assertThat(ProductUsage.from(viewedLately, MONTH, 90).unused()).isFalse();

        UsageFacts unpublished = new UsageFacts(
                "orders", "sales", null, Map.of(), List.of(), List.of(), Map.of(), null, Reported.NOTHING);
        assertThat(ProductUsage.from(unpublished, MONTH, 90).unused()).isFalse();
    }

    @Test
    void theDailySeriesCoversEveryDayOfTheWindowAndSumsToTheReads() {
        LocalDate today = LocalDate.parse("2026-12-07");
        UsageFacts facts = new UsageFacts(
                "orders",
                "sales",
                null,
                Map.of(),
                List.of(),
                List.of(),
                Map.of(today, 5L, today.minusDays(6), 2L),
                null,
                Reported.NOTHING);

        ProductUsage usage = ProductUsage.from(facts, Window.of(NOW, 7), 90);

        assertThat(usage.daily()).hasSize(7);
        assertThat(usage.daily().getFirst()).isEqualTo(new DayCount(today.minusDays(6), 2));
        assertThat(usage.daily().getLast()).isEqualTo(new DayCount(today, 5));
        assertThat(usage.reads()).isEqualTo(7);
        assertThat(usage.counted()).isNotEqualTo(ProductUsage.NOTHING_COUNTED);
        assertThat(ProductUsage.from(facts(Map.of(), List.of(), List.of()), MONTH, 90)
                        .counted())
                .isEqualTo(ProductUsage.NOTHING_COUNTED);
    }

    private static UsageFacts facts(Map<String, String> declared, List<Grant> grants, List<JobUsage> jobs) {
        return new UsageFacts(
                "orders",
                "sales",
                NOW.minus(Duration.ofDays(1)),
                declared,
                grants,
                jobs,
                Map.of(),
                null,
                Reported.NOTHING);
    }

    private static Grant grant(String requestId, String consumerProduct, String status) {
        return new Grant(
                requestId,
                "out",
                consumerProduct,
                "ml",
                "bob",
                status,
                NOW.minus(Duration.ofDays(10)),
                "ACTIVE".equals(status) ? null : NOW.minus(Duration.ofDays(1)));
    }

    private static JobUsage job(String job, String owner, long runs, Instant lastReadAt) {
        return new JobUsage(job, owner, owner == null ? null : "ml", runs, lastReadAt.minusSeconds(3600), lastReadAt);
    }
}

package dev.tessera.lineage.usage;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static dev.tessera.lineage.support.UsageFixtures.jobName;
import static dev.tessera.lineage.support.UsageFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.MovableUsageClock;
import dev.tessera.lineage.support.UsageFixtures;
import dev.tessera.lineage.support.UsageFixtures.Product;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How ingest counts reads: each run once, on its earliest day, by the job's owning product, never a product's own. */
@QuarkusTest
@LineageTestResources
class UsageCountingTest {

    @Inject
    MovableUsageClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRunCountsOnceHoweverManyOfItsEventsArriveInWhateverOrder() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now(), List.of());
        String job = unique("report");
        String runId = UUID.randomUUID().toString();
        Instant start = clock.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        List<String> reads = List.of(orders.table());
        String complete = run("COMPLETE", runId, job, start.plusSeconds(600), reads, List.of());

        // COMPLETE first, the same COMPLETE again, then START (earlier), then RUNNING and COMPLETE in a batch.
        Api.post(complete).then().statusCode(201);
        // The very same event again is a duplicate: stored once, answered 200.
        Api.post(complete).then().statusCode(200);
        Api.post(run("START", runId, job, start, reads, List.of())).then().statusCode(201);
        Api.postBatch("[" + run("RUNNING", runId, job, start.plusSeconds(300), reads, List.of()) + ", "
                        + run("COMPLETE", runId, job, start.plusSeconds(601), reads, List.of()) + "]")
                .then()
                .statusCode(201);

        JsonPath usage = usage(orders);
        assertThat(usage.getLong("totals.reads")).isEqualTo(1);
        assertThat(usage.getList("daily.reads", Long.class).stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(1);
        assertThat(readsOn(usage, day(start))).isEqualTo(1);
        assertThat(usage.getList("consumers.jobs.flatten().job")).containsExactly(jobName(job));
        assertThat(usage.getString("consumers[0].firstReadAt")).isEqualTo(start.toString());
        assertThat(usage.getString("consumers[0].lastReadAt"))
                .isEqualTo(start.plusSeconds(601).toString());
        assertThat(usage.getLong("consumers[0].reads")).isEqualTo(1);
    }

    @Test
    void anEarlierEventOfACountedRunMovesItToItsOwnDay() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now(), List.of());
        String job = unique("nightly");
        String runId = UUID.randomUUID().toString();
        Instant finished = clock.now().minus(Duration.ofMinutes(1));
        Instant started = finished.minus(Duration.ofDays(1));
        List<String> reads = List.of(orders.table());

        Api.post(run("COMPLETE", runId, job, finished, reads, List.of())).then().statusCode(201);
        assertThat(readsOn(usage(orders), day(finished))).isEqualTo(1);

        Api.post(run("START", runId, job, started, reads, List.of())).then().statusCode(201);
        JsonPath usage = usage(orders);
        assertThat(readsOn(usage, day(started))).isEqualTo(1);
        assertThat(readsOn(usage, day(finished))).isZero();
        assertThat(usage.getLong("totals.reads")).isEqualTo(1);
    }

    @Test
    void aJobBelongsToTheProductWhosePortsItsOutputsServeAndDistinctRunsAddUp() {
        String domain = unique("sales");
        Product orders = UsageFixtures.product(domain, clock.now(), List.of());
        Product revenue = UsageFixtures.product(unique("finance"), clock.now(), List.of());
        String job = unique("revenue-load");
        Instant at = clock.now().minus(Duration.ofMinutes(5));

        for (int i = 0; i < 3; i++) {
            Api.post(run(
                            "COMPLETE",
                            UUID.randomUUID().toString(),
                            job,
                            at.plusSeconds(i),
                            List.of(orders.table()),
                            List.of(revenue.table())))
                    .then()
                    .statusCode(201);
        }

        JsonPath usage = usage(orders);
        assertThat(usage.getLong("totals.reads")).isEqualTo(3);
        assertThat(usage.getList("consumers")).hasSize(1);
        assertThat(usage.getString("consumers[0].productId")).isEqualTo(revenue.id());
        assertThat(usage.getString("consumers[0].domainId")).isEqualTo(revenue.domain());
        assertThat(usage.getList("consumers[0].kinds")).containsExactly("OBSERVED");
        assertThat(usage.getList("consumers[0].jobs.job")).containsExactly(jobName(job));
        assertThat(usage.getLong("consumers[0].reads")).isEqualTo(3);
        // The consuming product's own usage is untouched: reading is not being read.
        assertThat(usage(revenue).getLong("totals.reads")).isZero();
    }

    @Test
    void aProductsOwnJobsAreNotItsConsumersEvenWhenTheyTurnOutToBeLater() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now(), List.of());
        String compaction = unique("compaction");
        String runId = UUID.randomUUID().toString();
        Instant at = clock.now().minus(Duration.ofMinutes(5));

        // The START names only what it reads: the job is nobody's yet, so its read counts.
        Api.post(run("START", runId, compaction, at, List.of(orders.table()), List.of()))
                .then()
                .statusCode(201);
        assertThat(usage(orders).getLong("totals.reads")).isEqualTo(1);

        // Its COMPLETE writes the product's own table: the job is the product's, and its reads are taken back.
        Api.post(run(
                        "COMPLETE",
                        runId,
                        compaction,
                        at.plusSeconds(60),
                        List.of(orders.table()),
                        List.of(orders.table())))
                .then()
                .statusCode(201);
        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        compaction,
                        at.plusSeconds(120),
                        List.of(orders.table()),
                        List.of()))
                .then()
                .statusCode(201);

        JsonPath usage = usage(orders);
        assertThat(usage.getLong("totals.reads")).isZero();
        assertThat(usage.getList("consumers")).isEmpty();
        assertThat(usage.getString("totals.lastReadAt")).isNull();
    }

    @Test
    void readsOutsideTheWindowAreKeptButNotCountedInIt() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now(), List.of());
        String job = unique("backfill");
        Instant longAgo = clock.now().minus(Duration.ofDays(45)).truncatedTo(ChronoUnit.MILLIS);

        Api.post(run("COMPLETE", UUID.randomUUID().toString(), job, longAgo, List.of(orders.table()), List.of()))
                .then()
                .statusCode(201);

        JsonPath month = usage(orders);
        assertThat(month.getLong("totals.reads")).isZero();
        assertThat(month.getList("consumers")).isEmpty();
        assertThat(month.getString("totals.lastReadAt")).isEqualTo(longAgo.toString());
        JsonPath quarter = UsageFixtures.usage(TestTokens.platformAdmin(), orders.id(), "90")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(quarter.getLong("totals.reads")).isEqualTo(1);
        assertThat(quarter.getList("consumers.kinds")).containsExactly(List.of("OBSERVED"));
        assertThat(quarter.getList("daily")).hasSize(90);
    }

    @Test
    void aRunMovedIntoAnEarlierMonthAndWindowsStartingMidMonthCountEachRunOnceOnItsDay() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now(), List.of());
        String job = unique("monthly");
        List<String> reads = List.of(orders.table());
        String moved = UUID.randomUUID().toString();
        Instant finished = clock.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        Instant started = finished.minus(Duration.ofDays(35));
        Instant recent = finished.minus(Duration.ofDays(20));
        Instant lastYear = finished.minus(Duration.ofDays(300));

        Api.post(run("COMPLETE", moved, job, finished, reads, List.of())).then().statusCode(201);
        Api.post(run("START", moved, job, started, reads, List.of())).then().statusCode(201);
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), job, recent, reads, List.of()))
                .then()
                .statusCode(201);
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), job, lastYear, reads, List.of()))
                .then()
                .statusCode(201);

        assertThat(usage(orders, 1).getLong("totals.reads")).isZero();
        JsonPath month = usage(orders, 30);
        assertThat(month.getLong("totals.reads")).isEqualTo(1);
        assertThat(readsOn(month, day(recent))).isEqualTo(1);
        assertThat(month.getLong("consumers[0].reads")).isEqualTo(1);
        JsonPath fiveWeeks = usage(orders, 36);
        assertThat(fiveWeeks.getLong("totals.reads")).isEqualTo(2);
        assertThat(readsOn(fiveWeeks, day(started))).isEqualTo(1);
        assertThat(readsOn(fiveWeeks, day(finished))).isZero();
        assertThat(fiveWeeks.getLong("consumers[0].reads")).isEqualTo(2);
        JsonPath year = usage(orders, 365);
        assertThat(year.getLong("totals.reads")).isEqualTo(3);
        assertThat(year.getList("daily")).hasSize(365);
        assertThat(readsOn(year, day(lastYear))).isEqualTo(1);
        assertThat(year.getList("daily.reads", Long.class).stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(3);
        assertThat(year.getLong("consumers[0].reads")).isEqualTo(3);
    }

    private static JsonPath usage(Product product, int days) {
        return UsageFixtures.usage(TestTokens.platformAdmin(), product.id(), String.valueOf(days))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath usage(Product product) {
        return UsageFixtures.usage(TestTokens.platformAdmin(), product.id(), null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static long readsOn(JsonPath usage, LocalDate day) {
        return usage.getLong("daily.find { it.day == '" + day + "' }.reads");
    }
}

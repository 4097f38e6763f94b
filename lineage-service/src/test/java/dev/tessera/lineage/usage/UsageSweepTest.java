package dev.tessera.lineage.usage;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static dev.tessera.lineage.support.UsageFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.MovableUsageClock;
import dev.tessera.lineage.support.UsageFixtures;
import dev.tessera.lineage.support.UsageFixtures.Product;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the sweep reports with nobody sending anything, driven by a clock the tests move: products
 * becoming unused and used again, and the daily refresh of counts that moved, at most once a day.
 */
@QuarkusTest
@LineageTestResources
class UsageSweepTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MovableUsageClock clock;

    @Inject
    DataSource database;

    TopicReader usage;

    @BeforeEach
    void readUsage() {
        usage = new TopicReader(SharedInfrastructure.kafka(), Topics.USAGE);
    }

    @AfterEach
    void close() {
        clock.reset();
        usage.close();
    }

    @Test
    void aProductNobodyReadsOrViewsFor90DaysBecomesUnusedAndUsedAgainOnTheNextRead() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now().minus(Duration.ofDays(2)), List.of());
        String job = unique("report");
        read(orders, job, clock.now().minus(Duration.ofDays(1)));
        assertThat(usage(orders).getBoolean("unused")).isFalse();

        clock.advance(Duration.ofDays(88));
        JsonPath almost = usage(orders);
        assertThat(almost.getBoolean("unused")).isFalse();
        assertThat(almost.getString("unusedSince")).isNull();

        clock.advance(Duration.ofDays(3));
        CloudEventRecord unused = awaitRecord(orders, EventType.USAGE_BECAME_UNUSED);
        assertThat(unused.data().path("unused").asBoolean()).isTrue();
        assertThat(unused.data().path("unusedAfterDays").asInt()).isEqualTo(90);
        assertThat(unused.data().path("unusedSince").asText()).isNotBlank();
        assertThat(unused.data().path("change").path("kind").asText()).isEqualTo("BECAME_UNUSED");
        assertThat(EventSchemas.validate(EventType.USAGE_BECAME_UNUSED, unused.data()))
                .isEmpty();
        assertThat(usage(orders).getBoolean("unused")).isTrue();

        read(orders, job, clock.now());
        CloudEventRecord used = awaitRecord(orders, EventType.USAGE_BECAME_USED);
        assertThat(used.data().path("unused").asBoolean()).isFalse();
        assertThat(used.data().has("unusedSince")).isFalse();
        assertThat(used.sequence()).isGreaterThan(unused.sequence());
        assertThat(records(orders, EventType.USAGE_BECAME_UNUSED)).hasSize(1);
    }

    @Test
    void aProductPublishedYesterdayIsNotUnusedButIs90DaysLaterWhenNobodyCame() {
        Product fresh = UsageFixtures.product(unique("sales"), clock.now().minus(Duration.ofDays(1)), List.of());
        assertThat(usage(fresh).getBoolean("unused")).isFalse();
        // A draft is never unused, however long nobody reads it.
        Product draft = UsageFixtures.product(unique("sales"), null, List.of());

        clock.advance(Duration.ofDays(90));

        CloudEventRecord unused = awaitRecord(fresh, EventType.USAGE_BECAME_UNUSED);
        assertThat(unused.data().path("readsLast30Days").asLong()).isZero();
        assertThat(unused.data().has("lastReadAt")).isFalse();
        assertThat(usage(draft).getBoolean("unused")).isFalse();
        assertThat(records(draft, EventType.USAGE_BECAME_UNUSED)).isEmpty();
    }

    @Test
    void aPageViewInTheCatalogKeepsAProductFromBeingUnused() {
        Product viewed = UsageFixtures.product(unique("sales"), clock.now().minus(Duration.ofDays(5)), List.of());
        clock.advance(Duration.ofDays(80));
        Instant viewedAt = clock.now().truncatedTo(ChronoUnit.MILLIS);
        UsageFixtures.attention(viewed.id(), 2, 5, viewedAt);
        // An older record arriving late changes nothing.
        UsageFixtures.attention(viewed.id(), 1, 9, viewedAt.minus(Duration.ofDays(60)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(usage(viewed).getLong("attention.pageViews"))
                .isEqualTo(5));

        // 105 days after its publication, 20 after the page view.
        clock.advance(Duration.ofDays(20));

        JsonPath answer = usage(viewed);
        assertThat(answer.getBoolean("unused")).isFalse();
        assertThat(answer.getLong("attention.pageViews")).isEqualTo(5);
        assertThat(answer.getString("attention.lastViewedAt")).isEqualTo(viewedAt.toString());
        // The sweep reports the attention that moved, once that day, without calling the product unused.
        CloudEventRecord refreshed = awaitRecord(viewed, EventType.USAGE_REFRESHED);
        assertThat(refreshed.data().path("unused").asBoolean()).isFalse();
        assertThat(refreshed
                        .data()
                        .path("attention")
                        .path("pageViewsLast30Days")
                        .asLong())
                .isEqualTo(5);
        assertThat(records(viewed, EventType.USAGE_BECAME_UNUSED)).isEmpty();
    }

    @Test
    void countsThatMoveAreRefreshedAtMostOnceADay() {
        Product orders = UsageFixtures.product(unique("sales"), clock.now(), List.of());
        String job = unique("hourly");
        awaitSweptToday(orders);
        read(orders, job, clock.now());
        awaitRecord(orders, EventType.USAGE_SHADOW_CONSUMER_FOUND);
        // Counts move the same day: the day's refresh already happened (nothing had moved then), so nothing more today.
        read(orders, job, clock.now());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> records(orders, EventType.USAGE_REFRESHED).isEmpty());

        clock.advance(Duration.ofDays(1));
        CloudEventRecord first = awaitRecord(orders, EventType.USAGE_REFRESHED);
        assertThat(first.data().path("readsLast30Days").asLong()).isEqualTo(2);
        read(orders, job, clock.now());
        read(orders, job, clock.now());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> records(orders, EventType.USAGE_REFRESHED).size() == 1);

        clock.advance(Duration.ofDays(1));
        await().atMost(WAIT)
                .until(() -> records(orders, EventType.USAGE_REFRESHED).size() == 2);
        CloudEventRecord second = records(orders, EventType.USAGE_REFRESHED).get(1);
        assertThat(second.data().path("readsLast30Days").asLong()).isEqualTo(4);
        assertThat(EventSchemas.validate(EventType.USAGE_REFRESHED, second.data()))
                .isEmpty();

        // A day on which nothing moved sends nothing.
        clock.advance(Duration.ofDays(1));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> records(orders, EventType.USAGE_REFRESHED).size() == 2);
    }

    /** Waits until the sweep looked at the product's counts on the clock's day. */
    private void awaitSweptToday(Product product) {
        await().atMost(WAIT).until(() -> {
            try (Connection db = database.getConnection();
                    PreparedStatement query =
                            db.prepareStatement("SELECT refreshed_on FROM usage_product WHERE product_id = ?")) {
                query.setString(1, product.id());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() && clock.today().equals(rows.getObject(1, LocalDate.class));
                }
            }
        });
    }

    private static void read(Product product, String job, Instant at) {
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), job, at, List.of(product.table()), List.of()))
                .then()
                .statusCode(201);
    }

    private CloudEventRecord awaitRecord(Product product, EventType type) {
        return await().atMost(WAIT)
                .until(() -> records(product, type), records -> !records.isEmpty())
                .getFirst();
    }

    private List<CloudEventRecord> records(Product product, EventType type) {
        return usage.matching(e -> product.id().equals(e.key()) && type.type().equals(e.type()));
    }

    private static JsonPath usage(Product product) {
        return UsageFixtures.usage(TestTokens.platformAdmin(), product.id(), null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}

package dev.tessera.catalog.attention;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.attention.service.AttentionService;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.support.MovableAttentionClock;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.testkit.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening a product page counts as a view of it, once per person and day; the catalog tells the platform
 * on {@code tessera.attention} at the first view of a day and at most hourly otherwise, and reads its own
 * records back into the index. The clock is pinned and moved, never waited for.
 */
@QuarkusTest
@CatalogTestResources
class AttentionTest {

    /** Ten minutes before midnight (UTC), so a test crosses into the next day within the hour. */
    private static final Instant EVENING = Instant.parse("2030-03-10T22:50:00Z");

    /** A token shaped like Keycloak's for a client's own service account. */
    private static final String PIPELINE =
            TestTokens.user("service-account-tessera-ci", Set.of("data-consumer"), List.of());

    @Inject
    MovableAttentionClock clock;

    @Inject
    AttentionService attention;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void viewsAreSentAtADaysFirstViewAndAtMostHourlyOtherwiseAndReachTheProductPage() throws SQLException {
        String domain = unique("attended");
        String id = unique("orders");
        publish(id, domain);
        String ann = TestTokens.user(unique("ann"), Set.of("data-consumer"), List.of());
        String ben = TestTokens.user(unique("ben"), Set.of("data-consumer"), List.of());

        clock.pin(EVENING);
        open(ann, id, null).then().statusCode(200);
        JsonNode first = awaitRecord(id, 1);
        assertRecord(first, 1, 1, 0, EVENING);

        // Ten minutes later, from a search hit: held back by the hourly limit.
        clock.pin(EVENING.plusSeconds(600));
        open(ben, id, "search").then().statusCode(200);
        await().atMost(WAIT).until(() -> pending(id));
        assertThat(sequence(id)).isEqualTo(1);

        // An hour after the first record, the held-back views go out.
        clock.pin(EVENING.plusSeconds(3_600));
        attention.sendDue(500);
        assertRecord(awaitRecord(id, 2), 2, 2, 1, EVENING.plusSeconds(600));

        // Twenty minutes into the next day: its first view is sent at once, the hourly limit aside.
        Instant morning = Instant.parse("2030-03-11T00:10:00Z");
        clock.pin(morning);
        open(ann, id, null).then().statusCode(200);
        assertRecord(awaitRecord(id, 3), 3, 2, 1, morning);

        // A pipeline's token does not count; the same person again the same day is no new view.
        clock.pin(morning.plusSeconds(300));
        open(PIPELINE, id, null).then().statusCode(200);
        clock.pin(morning.plusSeconds(600));
        open(ann, id, null).then().statusCode(200);
        await().atMost(WAIT).until(() -> pending(id));
        assertThat(views(id)).isEqualTo(3);
        assertThat(sequence(id)).isEqualTo(3);
        clock.pin(morning.plusSeconds(600 + 3_600));
        attention.sendDue(500);
        assertRecord(awaitRecord(id, 4), 3, 2, 1, morning.plusSeconds(600));

        // Every replica reads the records back: the page shows the attention (to a reader who is not counted).
        await().atMost(WAIT).untilAsserted(() -> Api.as(PIPELINE)
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("usage.attention.pageViewsLast30Days", equalTo(3))
                .body("usage.attention.viewersLast30Days", equalTo(2))
                .body("usage.attention.clickThroughsLast30Days", equalTo(1))
                .body(
                        "usage.attention.lastViewedAt",
                        equalTo(morning.plusSeconds(600).toString())));
    }

    @Test
    void aPageAnswersWhileItsViewWaitsForTheDatabase() throws Exception {
        String domain = unique("locked");
        String id = unique("orders");
        publish(id, domain);
        String cleo = TestTokens.user(unique("cleo"), Set.of("data-consumer"), List.of());
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE page_view IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Integer> page =
                    CompletableFuture.supplyAsync(() -> open(cleo, id, "search").statusCode());
            // Recording waits for the lock; the page does not.
            assertThat(page.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            try (PreparedStatement count =
                    holder.prepareStatement("SELECT count(*) FROM page_view WHERE product_id = ?")) {
                count.setString(1, id);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
            holder.rollback();
        }
        await().atMost(WAIT).until(() -> views(id) == 1);
    }

    @Test
    void aViaOtherThanSearchIsAProblemNamingIt() {
        String domain = unique("via");
        String id = unique("orders");
        publish(id, domain);
        for (String via : List.of("portal", "SEARCH", "search,search")) {
            Api.consumer()
                    .queryParam("via", via)
                    .get(Api.BASE + "/products/" + id)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].path", equalTo("via"));
        }
        Api.consumer()
                .queryParam("via", "search")
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200);
    }

    private static void publish(String id, String domain) {
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, "Viewed " + id, domain, "Looked at", List.of(), "vera", "tables", false)));
        // Waited for by searching: opening the page would count as a view.
        await().atMost(WAIT)
                .until(() -> Api.consumer()
                                .queryParam("domain", domain)
                                .get(Api.BASE + "/search")
                                .then()
                                .extract()
                                .<Integer>path("total")
                        == 1);
    }

    private static Response open(String token, String id, String via) {
        var request = Api.as(token);
        if (via != null) {
            request.queryParam("via", via);
        }
        return request.get(Api.BASE + "/products/" + id);
    }

    /** Waits for the product's attention record with a given sequence on the topic, checked against its schema. */
    private static JsonNode awaitRecord(String id, long sequence) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            found.clear();
            for (ConsumerRecord<String, String> r : Events.records(Topics.ATTENTION, id)) {
                found.add(Events.JSON.readTree(r.value()));
            }
            return found.size() >= sequence;
        });
        assertThat(found).as("records of %s", id).hasSize((int) sequence);
        JsonNode record = found.get((int) sequence - 1);
        assertThat(EventSchemas.validate(EventType.ATTENTION_REFRESHED, record)).isEmpty();
        assertThat(record.path("sequence").asLong()).isEqualTo(sequence);
        return record;
    }

    private static void assertRecord(
            JsonNode record, long views, long viewers, long clickThroughs, Instant lastViewed) {
        assertThat(record.path("pageViewsLast30Days").asLong()).as("page views").isEqualTo(views);
        assertThat(record.path("viewersLast30Days").asLong()).as("viewers").isEqualTo(viewers);
        assertThat(record.path("clickThroughsLast30Days").asLong())
                .as("click-throughs")
                .isEqualTo(clickThroughs);
        assertThat(Instant.parse(record.path("lastViewedAt").asText())).isEqualTo(lastViewed);
    }

    private boolean pending(String id) throws SQLException {
        return query("SELECT pending FROM product_attention WHERE product_id = ?", id) == 1;
    }

    private long sequence(String id) throws SQLException {
        return query("SELECT sequence FROM product_attention WHERE product_id = ?", id);
    }

    private long views(String id) throws SQLException {
        return query("SELECT count(*) FROM page_view WHERE product_id = ?", id);
    }

    /** One number (a boolean as 0 or 1; -1 for no row). */
    private long query(String sql, String id) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                Object value = rs.getObject(1);
                return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
            }
        }
    }
}

package dev.tessera.catalog.usage;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.catalog.ingest.service.ConsumedOffsets;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.events.EventType;
import dev.tessera.events.usage.UsageStateV1;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lineage's usage records and the catalog's attention, indexed for real from Kafka: shown on the product
 * page and in hits, sorted by, filtered on, and lifting a product among equally good matches.
 */
@QuarkusTest
@CatalogTestResources
class UsageSearchTest {

    private static final Instant NOW = Instant.now();

    @Inject
    ConsumedOffsets offsets;

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    /** True once the catalog has taken a record into its index. */
    private boolean taken(RecordMetadata record) {
        return offsets.of(new TopicPartition(record.topic(), record.partition())) > record.offset();
    }

    @Test
    void usageShowsOnThePageAndInEachHitAndAnOlderRecordChangesNothing() {
        String domain = unique("usage");
        String id = unique("orders");
        publish(id, domain, "Used Orders");
        Instant lastRead = NOW.minus(Duration.ofHours(3));
        Events.usage(Events.usage(id, domain, 2, 3, 42, lastRead, "CONSUMER_ADDED"));
        Events.attention(Events.attention(id, domain, 5, 17, 9));
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> page(id).getInt("usage.consumers.total") == 3
                        && page(id).getLong("usage.attention.pageViewsLast30Days") == 17);

        // Older records redelivered after the newer ones: taken in, and ignored.
        UsageStateV1 older = Events.usage(id, domain, 1, 1, 2, null, "REFRESHED");
        RecordMetadata staleUsage = Events.sendAt(unique("ev"), Events.usageType(older), id, 1, older);
        RecordMetadata staleAttention = Events.sendAt(
                unique("ev"), EventType.ATTENTION_REFRESHED, id, 4, Events.attention(id, domain, 4, 1, 1));
        await().atMost(WAIT).until(() -> taken(staleUsage) && taken(staleAttention));

        Api.consumer()
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("usage.consumers.declared", equalTo(3))
                .body("usage.consumers.observed", equalTo(1))
                .body("usage.consumers.shadow", equalTo(0))
                .body("usage.consumers.total", equalTo(3))
                .body("usage.readsLast30Days", equalTo(42))
                .body("usage.lastReadAt", equalTo(lastRead.toString()))
                .body("usage.unused", equalTo(false))
                .body("usage.unusedSince", nullValue())
                .body("usage.attention.pageViewsLast30Days", equalTo(17))
                .body("usage.attention.viewersLast30Days", equalTo(9));
        JsonPath hits = search(Map.of("domain", domain, "q", "orders"));
        assertThat(hits.getMap("items[0].usage"))
                .containsOnly(Map.entry("consumers", 3), Map.entry("readsLast30Days", 42));
    }

    @Test
    void aProductWithoutUsageShowsZeros() {
        String domain = unique("unknown");
        String id = unique("quiet");
        publish(id, domain, "Quiet Product");
        await().atMost(WAIT).ignoreExceptions().until(() -> ids(search(Map.of("domain", domain)))
                .contains(id));

        assertThat(search(Map.of("domain", domain)).getMap("items[0].usage"))
                .containsOnly(Map.entry("consumers", 0), Map.entry("readsLast30Days", 0));
        Api.consumer()
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("usage.consumers.total", equalTo(0))
                .body("usage.lastReadAt", nullValue())
                .body("usage.asOf", nullValue());
    }

    @Test
    void sortByUsagePutsMostConsumersFirstThenMostReadsAndPagesThroughOnce() {
        String domain = unique("sorted");
        String few = unique("few");
        String many = unique("many");
        String none = unique("none");
        publish(few, domain, "Few Reads");
        publish(many, domain, "Many Reads");
        publish(none, domain, "No Reads");
        Events.usage(Events.usage(few, domain, 1, 2, 5, NOW, "CONSUMER_ADDED"));
        Events.usage(Events.usage(many, domain, 1, 2, 50, NOW, "CONSUMER_ADDED"));
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> usageSorted(domain, 50).size() == 3
                        && page(few).getInt("usage.consumers.total") == 2
                        && page(many).getInt("usage.consumers.total") == 2);

        assertThat(usageSorted(domain, 50)).containsExactly(many, few, none);
        assertThat(usageSorted(domain, 1)).containsExactly(many, few, none);
    }

    @Test
    void usedKeepsProductsReadInTheLast30DaysAndCountsThemLikeAFacet() {
        String domain = unique("recent");
        String recent = unique("recent");
        String old = unique("old");
        String never = unique("never");
        publish(recent, domain, "Read Lately");
        publish(old, domain, "Read Long Ago");
        publish(never, domain, "Never Read");
        Events.usage(Events.usage(recent, domain, 1, 1, 4, NOW.minus(Duration.ofDays(2)), "CONSUMER_ADDED"));
        Events.usage(Events.usage(old, domain, 1, 1, 0, NOW.minus(Duration.ofDays(40)), "CONSUMER_ADDED"));
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> search(Map.of("domain", domain)).getInt("total") == 3
                        && page(recent).getInt("usage.consumers.total") == 1
                        && page(old).getInt("usage.consumers.total") == 1);

        assertThat(facet(search(Map.of("domain", domain)), "used")).containsExactly(Map.entry("30d", 1));
        JsonPath used = search(Map.of("domain", domain, "used", "30d"));
        assertThat(ids(used)).containsExactly(recent);
        // Counted with every filter but its own, like any facet the caller filters on.
        assertThat(facet(used, "used")).containsExactly(Map.entry("30d", 1));
        // The domain facet counts with the used filter but without its own: this domain's one used product.
        assertThat(facet(used, "domain")).containsEntry(domain, 1);
        assertThat(ids(search(Map.of("domain", domain, "used", "30D", "q", "read"))))
                .containsExactly(recent);
    }

    @Test
    void amongProductsMatchingEquallyTheUsedOneRanksFirst() {
        String domain = unique("ranked");
        // Ids that would put the unused product first if popularity did not count.
        String unused = unique("a-unused");
        String used = unique("z-used");
        publish(unused, domain, "Tidal Gauge Readings");
        publish(used, domain, "Tidal Gauge Readings");
        Events.usage(Events.usage(used, domain, 1, 4, 120, NOW, "CONSUMER_ADDED"));
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> ids(search(Map.of("domain", domain))).size() == 2
                        && page(used).getInt("usage.consumers.total") == 4);

        JsonPath hits = search(Map.of("domain", domain, "q", "tidal gauge"));
        assertThat(ids(hits)).containsExactly(used, unused);
        assertThat(hits.getDouble("items[0].score")).isGreaterThan(hits.getDouble("items[1].score"));
    }

    @Test
    void aMuchBetterMatchOutranksAPopularPoorMatch() {
        String domain = unique("relevant");
        String popular = unique("popular");
        String better = unique("better");
        Events.product(Events.published(
                popular,
                domain,
                1,
                Events.descriptor(
                        popular,
                        "Weather Station Feed",
                        domain,
                        "Readings that also mention a barometer",
                        List.of(),
                        "wanda",
                        "tables",
                        false)));
        publish(better, domain, "Barometer Pressure");
        Events.usage(Events.usage(popular, domain, 1, 80, 20_000, NOW, "CONSUMER_ADDED"));
        Events.attention(Events.attention(popular, domain, 1, 900, 400));
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> ids(search(Map.of("domain", domain))).size() == 2
                        && page(popular).getInt("usage.consumers.total") == 80
                        && page(popular).getLong("usage.attention.viewersLast30Days") == 400);

        assertThat(ids(search(Map.of("domain", domain, "q", "barometer")))).containsExactly(better, popular);
    }

    @Test
    void badUsageParametersAreProblemsNamingTheParameter() {
        for (String bad : List.of("7d", "yesterday", "true")) {
            Api.consumer()
                    .queryParam("used", bad)
                    .get(Api.BASE + "/search")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].path", equalTo("used"))
                    .body("errors[0].message", equalTo("used must be 30d."));
        }
        Api.consumer()
                .queryParam("sort", "popular")
                .get(Api.BASE + "/search")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("sort"))
                .body(
                        "errors[0].message",
                        equalTo("sort must be one of [relevance, name, updated, compliance, usage]."));
    }

    private static void publish(String id, String domain, String name) {
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, name, domain, "Data about " + name, List.of(), "uma", "tables", false)));
    }

    /** Every page of a sort=usage browse of a domain, in order. */
    private static List<String> usageSorted(String domain, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.consumer()
                    .queryParam("domain", domain)
                    .queryParam("sort", "usage")
                    .queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(Api.BASE + "/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(ids(page));
            cursor = page.getString("next");
        } while (cursor != null);
        return seen;
    }

    static JsonPath page(String id) {
        return Api.consumer().get(Api.BASE + "/products/" + id).then().extract().jsonPath();
    }

    static JsonPath search(Map<String, String> params) {
        return Api.consumer()
                .queryParams(params)
                .queryParam("limit", 200)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static List<String> ids(JsonPath result) {
        return result.getList("items.id", String.class);
    }

    static Map<String, Integer> facet(JsonPath result, String name) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<Map<String, Object>> values = result.getList("facets." + name);
        for (Map<String, Object> v : values) {
            out.put((String) v.get("value"), ((Number) v.get("count")).intValue());
        }
        return out;
    }
}

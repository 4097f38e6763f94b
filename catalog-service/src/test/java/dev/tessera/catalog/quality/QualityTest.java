package dev.tessera.catalog.quality;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.catalog.ingest.service.ConsumedOffsets;
import dev.tessera.catalog.ingest.service.Rebuilder;
import dev.tessera.catalog.quality.service.QualityService;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityStatusV1;
import dev.tessera.testkit.SharedInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Governance's quality status changes in search, on the product page, in PostgreSQL and through rebuilds. */
@QuarkusTest
@CatalogTestResources
class QualityTest {

    /** How soon a status change must be searchable once governance has sent it. */
    private static final Duration REINDEXED_WITHIN = Duration.ofSeconds(2);

    @Inject
    ConsumedOffsets consumed;

    @Inject
    QualityService kept;

    @Inject
    Rebuilder rebuilder;

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aStatusChangeIsInTheHitTheFacetAndTheFilterWithinTwoSeconds() {
        String domain = unique("quality");
        String failing = unique("orders");
        String quiet = unique("stock");
        publish(failing, domain);
        publish(quiet, domain);
        await().atMost(WAIT).until(() -> ids(search(Map.of("domain", domain))).size() == 2);
        assertThat(facet(search(Map.of("domain", domain)), "quality")).containsOnly(Map.entry("unknown", 2));

        Events.quality(Events.qualityStatus(failing, domain, 1, "FAILING", Events.failingCheck("c1", "0.91", "0.99")));
        await().atMost(REINDEXED_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> "failing"
                .equals(quality(search(Map.of("domain", domain)), failing)));

        JsonPath all = search(Map.of("domain", domain));
        assertThat(quality(all, quiet)).isEqualTo("unknown");
        assertThat(facet(all, "quality")).containsOnly(Map.entry("failing", 1), Map.entry("unknown", 1));
        assertThat(ids(search(Map.of("domain", domain, "quality", "failing")))).containsExactly(failing);
        assertThat(ids(search(Map.of("domain", domain, "quality", "UNKNOWN")))).containsExactly(quiet);
        assertThat(ids(search(Map.of("domain", domain, "quality", "passing")))).isEmpty();
        // Values of one filter are alternatives; the facet of a filtered dimension still shows the others.
        JsonPath either = Api.consumer()
                .queryParam("domain", domain)
                .queryParam("quality", "failing", "unknown")
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(ids(either)).containsExactlyInAnyOrder(failing, quiet);
        assertThat(facet(search(Map.of("domain", domain, "quality", "failing")), "quality"))
                .containsOnly(Map.entry("failing", 1), Map.entry("unknown", 1));

        Events.quality(Events.qualityStatus(failing, domain, 2, "PASSING"));
        await().atMost(REINDEXED_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> "passing"
                .equals(quality(search(Map.of("domain", domain)), failing)));
        assertThat(ids(search(Map.of("domain", domain, "quality", "failing")))).isEmpty();
    }

    @Test
    void theProductPageSummarisesStatusPortsAndFailingChecks() {
        String domain = unique("quality");
        String id = unique("orders");
        publish(id, domain);
        await().atMost(WAIT).untilAsserted(() -> Api.consumer()
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("quality.status", equalTo("unknown"))
                .body("quality.ports", empty())
                .body("quality.changedAt", nullValue()));

        QualityStatusV1 status =
                Events.qualityStatus(id, domain, 1, "FAILING", Events.failingCheck("orders-amount", "0.91", "0.99"));
        Events.quality(status);

        await().atMost(WAIT).untilAsserted(() -> Api.consumer()
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("quality.status", equalTo("failing"))
                .body("quality.changedAt", equalTo(status.changedAt().toString()))
                .body("quality.ports[0].port", equalTo(id + "-port"))
                .body("quality.ports[0].status", equalTo("failing"))
                .body("quality.ports[0].failingChecks[0].checkId", equalTo("orders-amount"))
                .body("quality.ports[0].failingChecks[0].name", equalTo("Share of orders with an amount"))
                .body("quality.ports[0].failingChecks[0].column", equalTo("amount"))
                .body("quality.ports[0].failingChecks[0].observed", equalTo("0.91"))
                .body("quality.ports[0].failingChecks[0].operator", equalTo("mustBeGreaterThan"))
                .body("quality.ports[0].failingChecks[0].threshold", equalTo("0.99"))
                .body("quality.sequence", nullValue()));
    }

    @Test
    void olderAndRepeatedStatusEventsChangeNothing() {
        String domain = unique("quality");
        String id = unique("orders");
        publish(id, domain);
        QualityStatusV1 third = Events.qualityStatus(id, domain, 3, "FAILING", Events.failingCheck("c", "1", "2"));
        String thirdId = Events.quality(third);
        await().atMost(WAIT).until(() -> "failing".equals(pageQuality(id)));

        // An older change arriving late, and the newest one redelivered with other content: both ignored.
        Events.sendAt(
                UUID.randomUUID().toString(),
                EventType.QUALITY_STATUS_CHANGED,
                id,
                2,
                Events.qualityStatus(id, domain, 2, "PASSING"));
        RecordMetadata last = Events.sendAt(
                thirdId, EventType.QUALITY_STATUS_CHANGED, id, 3, Events.qualityStatus(id, domain, 3, "STALE"));
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        await().atMost(WAIT).until(() -> consumed.of(partition) > last.offset());

        assertThat(pageQuality(id)).isEqualTo("failing");
        assertThat(quality(search(Map.of("domain", domain)), id)).isEqualTo("failing");
        QualityService.Kept row = kept.of(id).orElseThrow();
        assertThat(row.summary().path("sequence").asLong()).isEqualTo(3);
        assertThat(row.summary().path("status").asText()).isEqualTo("failing");
        assertThat(row.domainId()).isEqualTo(domain);

        Events.quality(Events.qualityStatus(id, domain, 4, "STALE"));
        await().atMost(WAIT).until(() -> "stale".equals(pageQuality(id)));
        assertThat(kept.of(id).orElseThrow().summary().path("status").asText()).isEqualTo("stale");
    }

    @Test
    void aRebuildRestoresQualityEvenAfterTheTopicDroppedTheEvent() throws Exception {
        String domain = unique("quality");
        String id = unique("orders");
        publish(id, domain);
        QualityStatusV1 status = Events.qualityStatus(id, domain, 1, "FAILING", Events.failingCheck("c", "1", "2"));
        RecordMetadata sent =
                Events.sendAt(UUID.randomUUID().toString(), EventType.QUALITY_STATUS_CHANGED, id, 1, status);
        await().atMost(WAIT).until(() -> "failing".equals(quality(search(Map.of("domain", domain)), id)));

        // Retention: the topic no longer holds the product's only status event.
        try (Admin admin = Admin.create(SharedInfrastructure.kafka().clientProperties())) {
            admin.deleteRecords(Map.of(
                            new TopicPartition(sent.topic(), sent.partition()),
                            RecordsToDelete.beforeOffset(sent.offset() + 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(rebuilder.rebuild("quality retention test")).isNotNull();

        assertThat(quality(search(Map.of("domain", domain)), id)).isEqualTo("failing");
        assertThat(ids(search(Map.of("domain", domain, "quality", "failing")))).containsExactly(id);
        assertThat(pageQuality(id)).isEqualTo("failing");
    }

    @Test
    void aQualityFilterOutsideTheStatusesIsA400NamingTheParameter() {
        Api.consumer()
                .queryParam("quality", "green")
                .get(Api.BASE + "/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo("quality"))
                .body("detail", containsString("passing, failing, stale, unknown"));
    }

    private static void publish(String id, String domain) {
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, "Quality " + id, domain, "Watched", List.of(), "quinn", "tables", false)));
    }

    private static String pageQuality(String id) {
        return Api.consumer()
                .get(Api.BASE + "/products/" + id)
                .then()
                .extract()
                .jsonPath()
                .getString("quality.status");
    }

    private static JsonPath search(Map<String, String> params) {
        return Api.consumer()
                .queryParams(params)
                .queryParam("limit", 200)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> ids(JsonPath result) {
        return result.getList("items.id", String.class);
    }

    private static String quality(JsonPath result, String id) {
        return result.getString("items.find { it.id == '" + id + "' }.quality");
    }

    private static Map<String, Integer> facet(JsonPath result, String dim) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<Map<String, Object>> values = result.getList("facets." + dim);
        for (Map<String, Object> v : values) {
            out.put((String) v.get("value"), ((Number) v.get("count")).intValue());
        }
        return out;
    }
}

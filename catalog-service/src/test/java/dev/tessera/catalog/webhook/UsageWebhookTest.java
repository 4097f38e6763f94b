package dev.tessera.catalog.webhook;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static dev.tessera.catalog.webhook.WebhookTest.deliveries;
import static dev.tessera.catalog.webhook.WebhookTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.ingest.service.ConsumedOffsets;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.support.WebhookReceiver;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage changes that matter reach webhook subscribers and the feed like other product events; everyday
 * counts (lineage's daily refresh, the catalog's attention) reach neither. A shadow consumer's job is
 * named only to those who may see who uses the product.
 */
@QuarkusTest
@CatalogTestResources
class UsageWebhookTest {

    private static final String SHADOW_FOUND = EventType.USAGE_SHADOW_CONSUMER_FOUND.type();

    @Inject
    ConsumedOffsets offsets;

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aShadowConsumerReachesSubscribersNamingTheJobOnlyToThoseWhoMaySeeWhoAndARefreshNeverDoes() throws Exception {
        String domain = unique("watched");
        String id = unique("orders");
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, "Watched Orders", domain, "Orders", List.of(), "hank", "tables", false)));
        await().atMost(WAIT)
                .until(() -> Api.consumer()
                                .queryParam("domain", domain)
                                .get(Api.BASE + "/search")
                                .then()
                                .extract()
                                .<Integer>path("total")
                        == 1);
        String owner = TestTokens.domainOwner(domain);
        try (WebhookReceiver ownerSide = WebhookReceiver.start();
                WebhookReceiver consumerSide = WebhookReceiver.start()) {
            // Every type: a refresh would be delivered if the feed carried it.
            String ownerSubscription = subscribe(owner, ownerSide.url(), Map.of("productIds", List.of(id)));
            String consumerSubscription =
                    subscribe(TestTokens.dataConsumer(), consumerSide.url(), Map.of("productIds", List.of(id)));

            UsageStateV1 daily = Events.usage(id, domain, 1, 0, 12, Instant.now(), "REFRESHED");
            RecordMetadata refreshed = Events.sendAt(unique("ev"), EventType.USAGE_REFRESHED, id, 1, daily);
            RecordMetadata attention = Events.sendAt(
                    unique("ev"), EventType.ATTENTION_REFRESHED, id, 1, Events.attention(id, domain, 1, 3, 2));
            UsageStateV1.Consumer job = Events.shadowJob("airflow/nightly-export", Instant.now());
            String shadow = Events.usage(Events.shadowFound(id, domain, 2, job));

            await().atMost(WAIT)
                    .until(() -> !ownerSide.withEventId(shadow).isEmpty()
                            && !consumerSide.withEventId(shadow).isEmpty()
                            && taken(refreshed)
                            && taken(attention));

            JsonNode full =
                    Events.JSON.readTree(ownerSide.withEventId(shadow).get(0).body());
            assertThat(full.path("shadowConsumers").path(0).path("job").asText())
                    .isEqualTo("airflow/nightly-export");
            assertThat(full.path("change").path("consumer").path("job").asText())
                    .isEqualTo("airflow/nightly-export");
            JsonNode counted =
                    Events.JSON.readTree(consumerSide.withEventId(shadow).get(0).body());
            assertThat(counted.path("shadowConsumers")).isEmpty();
            assertThat(counted.path("change").has("consumer")).isFalse();
            assertThat(counted.path("change").path("kind").asText()).isEqualTo("SHADOW_CONSUMER_FOUND");
            assertThat(counted.path("shadowConsumersTotal").asInt()).isEqualTo(1);
            assertThat(counted.path("consumers").path("shadow").asInt()).isEqualTo(1);
            assertThat(counted.toString()).doesNotContain("nightly-export");
            for (JsonNode body : List.of(full, counted)) {
                assertThat(EventSchemas.validate(EventType.USAGE_SHADOW_CONSUMER_FOUND, body))
                        .isEmpty();
            }
            assertThat(consumerSide.withEventId(shadow).get(0).headers()).containsEntry("ce-type", SHADOW_FOUND);

            // The refresh came before the shadow event on the product's partition: had it been fed, its
            // delivery would have been queued first. The attention record is on no feed at all.
            assertThat(deliveries(owner, ownerSubscription).getList("items.eventId", String.class))
                    .containsExactly(shadow);
            assertThat(deliveries(TestTokens.dataConsumer(), consumerSubscription)
                            .getList("items.eventId", String.class))
                    .containsExactly(shadow);

            // The feed draws the same lines.
            List<JsonNode> ownersFeed = feed(owner, id);
            assertThat(ownersFeed).extracting(e -> e.path("type").asText()).containsExactly(SHADOW_FOUND);
            assertThat(ownersFeed.get(0).path("data").path("shadowConsumers")).hasSize(1);
            List<JsonNode> consumersFeed = feed(TestTokens.dataConsumer(), id);
            assertThat(consumersFeed).extracting(e -> e.path("type").asText()).containsExactly(SHADOW_FOUND);
            assertThat(consumersFeed.get(0).path("data").path("shadowConsumers"))
                    .isEmpty();
            assertThat(feed(TestTokens.governanceOfficer(), id)
                            .get(0)
                            .path("data")
                            .path("shadowConsumers"))
                    .hasSize(1);
        }
    }

    @Test
    void aSubscriptionToEverydayCountsIsAProblemNamingTheType() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Api.consumer()
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "targetUrl",
                            receiver.url(),
                            "secret",
                            "a-secret-of-sixteen-chars",
                            "filter",
                            Map.of(
                                    "eventTypes",
                                    List.of(EventType.USAGE_CONSUMER_ADDED.type(), EventType.USAGE_REFRESHED.type()))))
                    .post(Api.BASE + "/subscriptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].path", equalTo("/filter/eventTypes/1"));
        }
    }

    private boolean taken(RecordMetadata record) {
        return offsets.of(new TopicPartition(record.topic(), record.partition())) > record.offset();
    }

    /** The usage and attention events about a product in the feed, as a caller reads it. */
    private static List<JsonNode> feed(String token, String productId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        String position = "0";
        while (true) {
            JsonPath page = Api.as(token)
                    .queryParam("after", position)
                    .queryParam("limit", 200)
                    .get(Api.BASE + "/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return found;
            }
            for (Map<String, Object> item : items) {
                String type = String.valueOf(item.get("type"));
                if (productId.equals(item.get("subject"))
                        && (type.startsWith("dev.tessera.usage.") || type.startsWith("dev.tessera.attention."))) {
                    found.add(Events.JSON.valueToTree(item));
                }
            }
            position = page.getString("next");
        }
    }
}

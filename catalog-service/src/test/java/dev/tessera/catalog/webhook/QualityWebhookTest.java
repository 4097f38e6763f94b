package dev.tessera.catalog.webhook;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static dev.tessera.catalog.webhook.WebhookTest.deliveries;
import static dev.tessera.catalog.webhook.WebhookTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.support.WebhookReceiver;
import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityStatusV1;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Governance's quality status changes reach webhook subscribers and the feed like the other product events. */
@QuarkusTest
@CatalogTestResources
class QualityWebhookTest {

    private static final String QUALITY = EventType.QUALITY_STATUS_CHANGED.type();

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aSubscriptionToQualityChangesGetsEachOnceAsABinaryCloudEvent() throws Exception {
        String domain = unique("hooks");
        String id = unique("orders");
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, "Watched Orders", domain, "Orders", List.of(), "hank", "tables", false)));
        await().atMost(WAIT).until(() -> visibleTo(TestTokens.dataConsumer(), domain) == 1);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String subscription = subscribe(
                    TestTokens.dataConsumer(),
                    receiver.url(),
                    Map.of("productIds", List.of(id), "eventTypes", List.of(QUALITY)));

            QualityStatusV1 failing =
                    Events.qualityStatus(id, domain, 1, "FAILING", Events.failingCheck("c1", "0.91", "0.99"));
            String first = Events.quality(failing);
            // Governance's relay sending the same event again, and a product event the filter leaves out.
            Events.send(first, EventType.QUALITY_STATUS_CHANGED, id, 1, failing);
            String productEvent = Events.product(Events.published(
                    id,
                    domain,
                    2,
                    Events.descriptor(id, "Watched Orders", domain, "Orders v2", List.of(), "hank", "tables", false)));
            String second = Events.quality(Events.qualityStatus(id, domain, 2, "PASSING"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(
                            deliveries(TestTokens.dataConsumer(), subscription).getList("items.status", String.class))
                    .containsOnly("DELIVERED")
                    .hasSize(2));
            assertThat(deliveries(TestTokens.dataConsumer(), subscription).getList("items.eventId", String.class))
                    .containsExactlyInAnyOrder(first, second);
            assertThat(receiver.withEventId(first)).hasSize(1);
            assertThat(receiver.withEventId(second)).hasSize(1);
            assertThat(receiver.withEventId(productEvent)).isEmpty();

            WebhookReceiver.Received r = receiver.withEventId(first).get(0);
            assertThat(r.headers())
                    .containsEntry("ce-specversion", "1.0")
                    .containsEntry("ce-type", QUALITY)
                    .containsEntry("ce-subject", id)
                    .containsEntry("ce-sequence", "1")
                    .containsEntry(
                            "ce-dataschema",
                            EventType.QUALITY_STATUS_CHANGED.dataSchema().toString())
                    .containsEntry("content-type", "application/json");
            assertThat(r.headers()).containsKey("x-tessera-signature");
            JsonNode body = Events.JSON.readTree(r.body());
            assertThat(body.path("productId").asText()).isEqualTo(id);
            assertThat(body.path("status").asText()).isEqualTo("FAILING");
            assertThat(body.path("ports")
                            .path(0)
                            .path("failingChecks")
                            .path(0)
                            .path("threshold")
                            .asText())
                    .isEqualTo("0.99");
        }
    }

    @Test
    void qualityOfUnpublishedWorkReachesOnlyThoseWhoMaySeeTheProduct() {
        String domain = unique("quiet");
        String draft = unique("draft");
        String published = unique("pub");
        Events.product(Events.draft(
                draft,
                domain,
                1,
                Events.descriptor(draft, "Draft", domain, "Unpublished", List.of(), "hank", "tables", false)));
        Events.product(Events.published(
                published,
                domain,
                1,
                Events.descriptor(published, "Published", domain, "Out there", List.of(), "hank", "tables", false)));
        await().atMost(WAIT).until(() -> visibleTo(TestTokens.domainOwner(domain), domain) == 2);
        try (WebhookReceiver consumerSide = WebhookReceiver.start();
                WebhookReceiver ownerSide = WebhookReceiver.start()) {
            String consumerSubscription = subscribe(
                    TestTokens.dataConsumer(),
                    consumerSide.url(),
                    Map.of("productIds", List.of(draft, published), "eventTypes", List.of(QUALITY)));
            subscribe(
                    TestTokens.domainOwner(domain),
                    ownerSide.url(),
                    Map.of("productIds", List.of(draft), "eventTypes", List.of(QUALITY)));

            // Without the optional domainId: the catalog takes the product's domain from what it knows.
            String draftEvent = Events.quality(Events.qualityStatus(draft, null, 1, "STALE"));
            String publishedEvent = Events.quality(Events.qualityStatus(published, domain, 1, "PASSING"));

            await().atMost(WAIT)
                    .until(() -> !ownerSide.withEventId(draftEvent).isEmpty()
                            && !consumerSide.withEventId(publishedEvent).isEmpty());
            // Deliveries are queued for every matching subscription at once: the owner's arrival settles it.
            assertThat(deliveries(TestTokens.dataConsumer(), consumerSubscription)
                            .getList("items.eventId", String.class))
                    .containsExactly(publishedEvent);
            assertThat(consumerSide.withEventId(draftEvent)).isEmpty();

            // The feed draws the same line.
            assertThat(feed(TestTokens.dataConsumer())).contains(publishedEvent).doesNotContain(draftEvent);
            assertThat(feed(TestTokens.domainOwner(domain))).contains(publishedEvent, draftEvent);
        }
    }

    private static int visibleTo(String token, String domain) {
        return Api.as(token)
                .queryParam("domain", domain)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("total");
    }

    private static List<String> feed(String token) {
        List<String> ids = new ArrayList<>();
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
            List<String> batch = page.getList("items.id", String.class);
            if (batch.isEmpty()) {
                return ids;
            }
            ids.addAll(batch);
            position = page.getString("next");
        }
    }
}

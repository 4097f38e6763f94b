package dev.tessera.catalog.feed;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class FeedTest {

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aConsumerReplaysTheFeedFromAnyPointAsCloudEventBatches() {
        String domain = unique("replay");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = unique("p" + i);
            sent.add(Events.product(Events.published(
                    id,
                    domain,
                    1,
                    Events.descriptor(id, "Replayed " + i, domain, "Replay", List.of(), "rita", "tables", false))));
        }
        String draft = unique("draft");
        String draftEvent = Events.product(Events.draft(
                draft,
                domain,
                1,
                Events.descriptor(draft, "Draft", domain, "Not for consumers", List.of(), "rita", "tables", false)));
        // The products are keyed by id and so land on different partitions: the feed's order is the
        // order the catalog consumed them in, which need not be the order they were sent in.
        await().atMost(WAIT)
                .until(() -> eventIds(TestTokens.platformAdmin(), "0").containsAll(concat(sent, draftEvent)));

        List<String> all = eventIds(TestTokens.dataConsumer(), "0");
        assertThat(all).containsAll(sent).doesNotContain(draftEvent);
        assertThat(eventIds(TestTokens.domainOwner(domain), "0")).contains(draftEvent);
        List<String> feedOrder = all.stream().filter(sent::contains).toList();

        // Replay after the second event, by CloudEvents id, then by feed position, in pages of two.
        List<String> replayed = new ArrayList<>();
        String after = feedOrder.get(1);
        for (int page = 0; page < 10 && replayed.size() < 3; page++) {
            JsonPath body = Api.consumer()
                    .queryParam("after", after)
                    .queryParam("limit", 2)
                    .get(Api.BASE + "/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            items.stream()
                    .filter(e -> domain.equals(((Map<?, ?>) e.get("data")).get("domainId")))
                    .forEach(e -> replayed.add((String) e.get("id")));
            after = body.getString("next");
        }
        assertThat(replayed).containsExactlyElementsOf(feedOrder.subList(2, 5));
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    @Test
    void theFeedSpeaksTheCloudEventsBatchFormatWhenAskedTo() {
        String domain = unique("batch");
        String id = unique("p");
        String eventId = Events.product(Events.published(
                id, domain, 4, Events.descriptor(id, "Batched", domain, "Batch", List.of(), "rita", "tables", false)));
        await().atMost(WAIT)
                .until(() -> eventIds(TestTokens.dataConsumer(), "0").contains(eventId));

        Api.consumer()
                .accept("application/cloudevents-batch+json")
                .queryParam("after", eventId)
                .get(Api.BASE + "/events")
                .then()
                .statusCode(200)
                .contentType("application/cloudevents-batch+json");
        JsonPath batch = Api.consumer()
                .accept("application/cloudevents-batch+json")
                .queryParam("limit", 200)
                .queryParam("after", positionBefore(eventId))
                .get(Api.BASE + "/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(batch.getString("[0].id")).isEqualTo(eventId);
        assertThat(batch.getString("[0].specversion")).isEqualTo("1.0");
        assertThat(batch.getString("[0].subject")).isEqualTo(id);
        assertThat(batch.getString("[0].sequence")).isEqualTo("4");
        assertThat(batch.getString("[0].data.productId")).isEqualTo(id);

        Api.consumer()
                .queryParam("after", "no-such-event")
                .get(Api.BASE + "/events")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("after"));
    }

    private static String positionBefore(String eventId) {
        JsonPath all = Api.consumer()
                .queryParam("limit", 200)
                .queryParam("after", "0")
                .get(Api.BASE + "/events")
                .jsonPath();
        List<Map<String, Object>> items = all.getList("items");
        String next = all.getString("next");
        while (true) {
            for (Map<String, Object> e : items) {
                if (eventId.equals(e.get("id"))) {
                    return Long.toString(Long.parseLong((String) e.get("feedposition")) - 1);
                }
            }
            all = Api.consumer()
                    .queryParam("limit", 200)
                    .queryParam("after", next)
                    .get(Api.BASE + "/events")
                    .jsonPath();
            items = all.getList("items");
            if (items.isEmpty()) {
                throw new AssertionError("event " + eventId + " not in the feed");
            }
            next = all.getString("next");
        }
    }

    static List<String> eventIds(String token, String after) {
        List<String> ids = new ArrayList<>();
        String position = after;
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

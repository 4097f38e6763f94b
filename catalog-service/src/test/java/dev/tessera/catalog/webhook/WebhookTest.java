package dev.tessera.catalog.webhook;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.support.WebhookReceiver;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.catalog.webhook.repository.SubscriptionRepository;
import dev.tessera.catalog.webhook.service.SecretBox;
import dev.tessera.catalog.webhook.service.SubscriptionService;
import dev.tessera.events.EventType;
import dev.tessera.testkit.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class WebhookTest {

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    SubscriptionService service;

    private static final String SECRET = "a-secret-of-at-least-16-chars";

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aMatchingEventIsDeliveredAsASignedCloudEventOnceEvenWhenConsumedTwice() throws Exception {
        String domain = unique("hooks");
        String id = unique("orders");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String subscription =
                    subscribe(TestTokens.dataConsumer(), receiver.url(), Map.of("domains", List.of(domain)));
            var state = Events.published(
                    id,
                    domain,
                    1,
                    Events.descriptor(id, "Hooked Orders", domain, "Orders", List.of(), "hank", "tables", false));
            String eventId = Events.product(state);
            Events.product(Events.published(
                    unique("other"),
                    unique("elsewhere"),
                    1,
                    Events.descriptor(
                            "x",
                            "Elsewhere",
                            "elsewhere",
                            "Not for this subscription",
                            List.of(),
                            "hank",
                            "tables",
                            false)));

            await().atMost(WAIT).until(() -> !receiver.withEventId(eventId).isEmpty());
            WebhookReceiver.Received r = receiver.withEventId(eventId).get(0);
            assertThat(r.headers())
                    .containsEntry("ce-specversion", "1.0")
                    .containsEntry("ce-type", EventType.PRODUCT_UPDATED.type())
                    .containsEntry("ce-subject", id)
                    .containsEntry("ce-sequence", "1")
                    .containsEntry("content-type", "application/json");
            assertThat(r.headers().get("x-tessera-signature")).isEqualTo("sha256=" + hmac(SECRET, r.body()));
            assertThat(Events.JSON.readTree(r.body()).path("productId").asText())
                    .isEqualTo(id);

            // The same event consumed again (a producer retry) is not delivered again.
            Events.send(eventId, EventType.PRODUCT_UPDATED, id, 1, state);
            String later = Events.product(Events.published(
                    id,
                    domain,
                    2,
                    Events.descriptor(id, "Hooked Orders", domain, "Orders v2", List.of(), "hank", "tables", false)));
            await().atMost(WAIT).until(() -> !receiver.withEventId(later).isEmpty());
            assertThat(receiver.withEventId(eventId)).hasSize(1);
            assertThat(receiver.received()).allMatch(x -> x.body().contains(domain));

            // The receiver has the request a moment before the dispatcher records its answer.
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                            deliveries(TestTokens.dataConsumer(), subscription).getList("items.status", String.class))
                    .containsOnly("DELIVERED")
                    .hasSize(2));
        }
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffThenDeadLetteredAndCanBeRedelivered() {
        String domain = unique("flaky");
        String id = unique("orders");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(503);
            String subscription = subscribe(
                    TestTokens.dataConsumer(),
                    receiver.url(),
                    Map.of("productIds", List.of(id), "eventTypes", List.of(EventType.PRODUCT_UPDATED.type())));
            String eventId = Events.product(Events.published(
                    id,
                    domain,
                    1,
                    Events.descriptor(id, "Flaky", domain, "Orders", List.of(), "hank", "tables", false)));

            await().atMost(WAIT).untilAsserted(() -> assertThat(
                            deliveries(TestTokens.dataConsumer(), subscription).getString("items[0].status"))
                    .isEqualTo("DEAD"));
            JsonPath log = deliveries(TestTokens.dataConsumer(), subscription);
            assertThat(log.getInt("items[0].attempts")).isEqualTo(3);
            assertThat(log.getInt("items[0].lastStatusCode")).isEqualTo(503);
            assertThat(receiver.withEventId(eventId)).hasSize(3);

            receiver.answer(200);
            long delivery = log.getLong("items[0].id");
            Api.consumer()
                    .post(Api.BASE + "/subscriptions/" + subscription + "/deliveries/" + delivery + "/redeliver")
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("PENDING"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                            deliveries(TestTokens.dataConsumer(), subscription).getString("items[0].status"))
                    .isEqualTo("DELIVERED"));
            assertThat(receiver.withEventId(eventId)).hasSize(4);
        }
    }

    @Test
    void aConsumerSubscriptionReceivesNoUnpublishedWork() {
        String domain = unique("quiet");
        String draft = unique("draft");
        String published = unique("pub");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            subscribe(TestTokens.dataConsumer(), receiver.url(), Map.of("domains", List.of(domain)));
            String ownerSubscription =
                    subscribe(TestTokens.domainOwner(domain), receiver.url(), Map.of("productIds", List.of(draft)));
            String draftEvent = Events.product(Events.draft(
                    draft,
                    domain,
                    1,
                    Events.descriptor(draft, "Draft", domain, "Unpublished", List.of(), "hank", "tables", false)));
            String publishedEvent = Events.product(Events.published(
                    published,
                    domain,
                    1,
                    Events.descriptor(
                            published, "Published", domain, "Out there", List.of(), "hank", "tables", false)));

            await().atMost(WAIT)
                    .until(() -> !receiver.withEventId(publishedEvent).isEmpty()
                            && !receiver.withEventId(draftEvent).isEmpty());
            // Only the owner's subscription got the draft.
            assertThat(receiver.withEventId(draftEvent)).hasSize(1);
            assertThat(deliveries(TestTokens.domainOwner(domain), ownerSubscription)
                            .getList("items.eventId"))
                    .containsExactly(draftEvent);
        }
    }

    @Test
    void internalTargetsAndOtherSchemesAreRefused() {
        for (String target : List.of(
                "http://localhost:8080/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/hook",
                "http://192.168.0.10/hook",
                "http://[::1]:9000/hook",
                "http://metadata.google.internal/computeMetadata",
                "ftp://example.com/hook",
                "file:///etc/passwd",
                "http://user:pw@example.com/hook")) {
            Api.consumer()
                    .contentType(ContentType.JSON)
                    .body(Map.of("targetUrl", target, "secret", SECRET))
                    .post(Api.BASE + "/subscriptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].path", equalTo("/targetUrl"));
        }
        Api.consumer()
                .contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "https://example.com/hook", "secret", "short"))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(400);
        Api.consumer()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "targetUrl",
                        "http://127.0.0.1:1/hook",
                        "secret",
                        SECRET,
                        "filter",
                        Map.of("eventTypes", List.of("dev.tessera.nope.v1"))))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/filter/eventTypes/0"));
    }

    @Test
    void anOwnersTwentyFirstSubscriptionIsRefusedNamingTheLimit() {
        String token = TestTokens.user(unique("busy"), java.util.Set.of("data-consumer"), List.of());
        for (int i = 0; i < 20; i++) {
            subscribe(token, "http://127.0.0.1:1/hook-" + i, Map.of());
        }
        Api.as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://127.0.0.1:1/hook-20", "secret", SECRET))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("limit", equalTo(20))
                .body("detail", org.hamcrest.Matchers.containsString("20"));
        // Another owner is not affected.
        subscribe(
                TestTokens.user(unique("idle"), java.util.Set.of("data-consumer"), List.of()),
                "http://127.0.0.1:1/hook",
                Map.of());
    }

    @Test
    void refusalsNeverEchoTheAddressAHostResolvedTo() {
        String detail = Api.consumer()
                .contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://localhost:8080/hook", "secret", SECRET))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .extract()
                .asString();
        assertThat(detail)
                .contains("internal address")
                .doesNotContain("127.0.0.1")
                .doesNotContain("0:0:0:0:0:0:0:1");
    }

    @Test
    void ipv6TargetsThatEmbedAnInternalIpv4AddressAreRefused() {
        for (String target : List.of(
                "http://[64:ff9b::7f00:1]:9000/hook",
                "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
                "http://[2002:7f00:1::1]/hook",
                "http://[::7f00:1]/hook",
                "http://[::a00:1]/hook")) {
            Api.consumer()
                    .contentType(ContentType.JSON)
                    .body(Map.of("targetUrl", target, "secret", SECRET))
                    .post(Api.BASE + "/subscriptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].path", equalTo("/targetUrl"));
        }
    }

    @Test
    void subscriptionsAreTheirOwnersAndNeverShowTheSecret() {
        String id = subscribe(TestTokens.dataConsumer(), "http://127.0.0.1:1/hook", Map.of());
        Api.consumer()
                .get(Api.BASE + "/subscriptions/" + id)
                .then()
                .statusCode(200)
                .body("secret", equalTo(null))
                .body("owner", equalTo("carl-consumer"));
        Api.as(TestTokens.domainOwner("x"))
                .get(Api.BASE + "/subscriptions/" + id)
                .then()
                .statusCode(404);
        Api.as(TestTokens.domainOwner("x"))
                .delete(Api.BASE + "/subscriptions/" + id)
                .then()
                .statusCode(404);
        Api.admin().get(Api.BASE + "/subscriptions/" + id).then().statusCode(200);
        Api.consumer().delete(Api.BASE + "/subscriptions/" + id).then().statusCode(204);
        Api.consumer().get(Api.BASE + "/subscriptions/" + id).then().statusCode(404);
        Api.consumer().get(Api.BASE + "/subscriptions/not-a-uuid").then().statusCode(400);
    }

    @Test
    void secretsAreStoredSealedAndBareOnesFromBeforeAreSealedWithoutBreakingTheirSignatures() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String domain = unique("sealed");
            UUID created = UUID.fromString(
                    subscribe(TestTokens.dataConsumer(), receiver.url(), Map.of("domains", List.of(domain))));
            assertThat(storedSecret(created)).startsWith(SecretBox.PREFIX).doesNotContain(SECRET);

            // A subscription written by a version that stored secrets bare.
            UUID old = UUID.randomUUID();
            String oldDomain = unique("bare");
            QuarkusTransaction.requiringNew().run(() -> {
                SubscriptionEntity s = subscriptions.findById(created);
                SubscriptionEntity bare = new SubscriptionEntity();
                bare.id = old;
                bare.owner = s.owner;
                bare.targetUrl = s.targetUrl;
                bare.secret = "an-old-bare-secret-0001";
                bare.productIds = new String[0];
                bare.domains = new String[] {oldDomain};
                bare.eventTypes = new String[0];
                bare.seesAll = s.seesAll;
                bare.privilegedDomains = s.privilegedDomains;
                bare.active = true;
                bare.createdAt = s.createdAt;
                subscriptions.persist(bare);
            });
            assertThat(service.sealBareSecrets()).isGreaterThanOrEqualTo(1);
            assertThat(storedSecret(old)).startsWith(SecretBox.PREFIX).doesNotContain("an-old-bare-secret");

            String id = unique("p");
            String eventId = Events.product(Events.published(
                    id,
                    oldDomain,
                    1,
                    Events.descriptor(id, "Sealed", oldDomain, "Sealed", List.of(), "hank", "tables", false)));
            await().atMost(WAIT).until(() -> !receiver.withEventId(eventId).isEmpty());
            WebhookReceiver.Received r = receiver.withEventId(eventId).get(0);
            assertThat(r.headers().get("x-tessera-signature"))
                    .isEqualTo("sha256=" + hmac("an-old-bare-secret-0001", r.body()));
        }
    }

    private String storedSecret(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.findById(subscription).secret);
    }

    static String subscribe(String token, String url, Map<String, Object> filter) {
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetUrl", url, "secret", SECRET, "filter", filter))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static JsonPath deliveries(String token, String subscription) {
        return Api.as(token)
                .get(Api.BASE + "/subscriptions/" + subscription + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}

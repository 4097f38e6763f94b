package dev.tessera.catalog.webhook;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.support.KeycloakAdmin;
import dev.tessera.catalog.support.KeycloakCatalogResource;
import dev.tessera.catalog.support.WebhookReceiver;
import dev.tessera.testkit.KafkaTestResource;
import dev.tessera.testkit.KeycloakServer;
import dev.tessera.testkit.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook delivers what its owner may see now, not what the owner could see when subscribing: the
 * catalog asks a real Keycloak before each delivery, and an operator's change there (a domain group taken
 * away, an account disabled) holds for the next event.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@WithTestResource(KeycloakCatalogResource.class)
class OwnerRightsTest {

    private static final String DOMAIN = "retail";
    private static final String PASSWORD = "a-test-password-" + unique("pw");
    private static final Set<String> FINAL = Set.of("DELIVERED", "WITHHELD", "DEAD");

    static KeycloakAdmin keycloak;

    @BeforeAll
    static void keycloak() {
        keycloak = new KeycloakAdmin(KeycloakServer.shared());
    }

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void anOwnerTakenOutOfTheDomainStopsReceivingItsDraftsButStillGetsPublishedEvents() {
        String user = unique("owner");
        String userId = keycloak.createUser(user, PASSWORD, "domain-owner", List.of("/domains/" + DOMAIN));
        String token = keycloak.accessToken(user, PASSWORD);
        String before = unique("draft-before");
        String after = unique("draft-after");
        String published = unique("published");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String subscription = WebhookTest.subscribe(
                    token, receiver.url(), Map.of("productIds", List.of(before, after, published)));
            String draftWhileOwner = Events.product(Events.draft(before, DOMAIN, 1, descriptor(before)));
            await().atMost(WAIT)
                    .until(() -> !receiver.withEventId(draftWhileOwner).isEmpty());

            keycloak.removeFromGroup(userId, "/domains/" + DOMAIN);
            String draftAfterRemoval = Events.product(Events.draft(after, DOMAIN, 1, descriptor(after)));
            String publishedEvent = Events.product(Events.published(published, DOMAIN, 1, descriptor(published)));

            await().atMost(WAIT)
                    .until(() -> !receiver.withEventId(publishedEvent).isEmpty()
                            && FINAL.contains(status(token, subscription, draftAfterRemoval)));
            assertThat(receiver.withEventId(draftAfterRemoval)).isEmpty();
            assertThat(status(token, subscription, draftAfterRemoval)).isEqualTo("WITHHELD");
        }
    }

    @Test
    void aDisabledUsersSubscriptionReceivesNothingMore() {
        String user = unique("leaver");
        String userId = keycloak.createUser(user, PASSWORD, "domain-owner", List.of("/domains/" + DOMAIN));
        String token = keycloak.accessToken(user, PASSWORD);
        String draft = unique("draft");
        String published = unique("published");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String subscription =
                    WebhookTest.subscribe(token, receiver.url(), Map.of("productIds", List.of(draft, published)));

            keycloak.disable(userId);
            String draftEvent = Events.product(Events.draft(draft, DOMAIN, 1, descriptor(draft)));
            String publishedEvent = Events.product(Events.published(published, DOMAIN, 1, descriptor(published)));

            await().atMost(WAIT)
                    .until(() -> FINAL.contains(status(token, subscription, draftEvent))
                            && FINAL.contains(status(token, subscription, publishedEvent)));
            assertThat(receiver.received()).isEmpty();
            assertThat(status(token, subscription, draftEvent)).isEqualTo("WITHHELD");
            assertThat(status(token, subscription, publishedEvent)).isEqualTo("WITHHELD");
        }
    }

    /** The status of a subscription's delivery of an event, read with the owner's (still unexpired) token. */
    private static String status(String token, String subscription, String eventId) {
        List<Map<String, Object>> items =
                WebhookTest.deliveries(token, subscription).getList("items");
        return items.stream()
                .filter(d -> eventId.equals(d.get("eventId")))
                .map(d -> String.valueOf(d.get("status")))
                .findFirst()
                .orElse("NONE");
    }

    private static com.fasterxml.jackson.databind.JsonNode descriptor(String id) {
        return Events.descriptor(id, "Rights " + id, DOMAIN, "Owner rights", List.of(), "hank", "tables", false);
    }
}

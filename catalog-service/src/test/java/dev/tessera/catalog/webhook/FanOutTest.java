package dev.tessera.catalog.webhook;

import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.webhook.repository.DeliveryRepository;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.catalog.webhook.repository.SubscriptionRepository;
import dev.tessera.catalog.webhook.service.SecretBox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook fan-out is not on the indexing path: however many subscriptions match, and however long queuing
 * and sending their deliveries takes, a product change reaches search as promptly as without them.
 */
@QuarkusTest
@CatalogTestResources
class FanOutTest {

    /** Many owners' subscriptions (each owner under the per-owner cap), all matching the change below. */
    private static final int SUBSCRIPTIONS = 1_000;

    /** How soon the change must be searchable: well above indexing one event on a busy machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SecretBox secrets;

    @Inject
    DataSource dataSource;

    private final String domain = unique("crowded");

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @AfterEach
    void removeSubscriptions() {
        QuarkusTransaction.requiringNew().run(() -> subscriptions
                .getEntityManager()
                .createNativeQuery("DELETE FROM subscription WHERE ?1 = ANY(domains)")
                .setParameter(1, domain)
                .executeUpdate());
    }

    @Test
    void aProductChangeIsSearchablePromptlyWhileItsDeliveriesToManyUnreachableReceiversCannotBeQueued()
            throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                SubscriptionEntity s = new SubscriptionEntity();
                s.id = UUID.randomUUID();
                s.owner = "crowd-" + i;
                // Nothing listens on port 1: every attempt fails and is retried.
                s.targetUrl = "http://127.0.0.1:1/hook";
                s.secret = secrets.seal(s.id, "a-secret-of-at-least-16-chars");
                s.productIds = new String[0];
                s.domains = new String[] {domain};
                s.eventTypes = new String[0];
                s.seesAll = false;
                s.privilegedDomains = new String[0];
                s.active = true;
                s.createdAt = Instant.now();
                subscriptions.persist(s);
            }
        });
        String changed = unique("needle");
        String eventId;
        // Stands in for a fan-out or a delivery burst that takes as long as it likes: while this
        // transaction holds the delivery table, no delivery can be queued, retried or recorded.
        try (Connection busy = dataSource.getConnection()) {
            busy.setAutoCommit(false);
            try (Statement lock = busy.createStatement()) {
                lock.execute("LOCK TABLE delivery IN EXCLUSIVE MODE");
            }
            eventId = Events.product(Events.published(changed, domain, 1, descriptor(changed, "Haystack needle")));
            Instant sent = Instant.now();

            await().atMost(PROMPTLY).until(() -> searchIds(Map.of("q", "haystack needle", "domain", domain))
                    .contains(changed));
            assertThat(Duration.between(sent, Instant.now())).isLessThan(PROMPTLY);
            busy.rollback();
        }
        // Once the table is free, every subscription gets its delivery.
        await().atMost(Api.WAIT)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> deliveries.count("eventId", eventId))
                        == SUBSCRIPTIONS);
    }

    private com.fasterxml.jackson.databind.JsonNode descriptor(String id, String name) {
        return Events.descriptor(id, name, domain, "Fan-out", List.of(), "hank", "tables", false);
    }

    private static List<String> searchIds(Map<String, String> params) {
        return Api.consumer()
                .queryParams(params)
                .queryParam("limit", 200)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }
}

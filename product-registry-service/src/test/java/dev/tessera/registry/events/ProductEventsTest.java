package dev.tessera.registry.events;

import static dev.tessera.registry.support.Api.applyYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.platform.outbox.Outbox;
import dev.tessera.platform.outbox.OutboxRepository;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@RegistryTestResources
class ProductEventsTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRepository outboxRows;

    @Test
    void eventsOfOneProductArriveInOrderCarryingFullStateThatMatchesTheSchema() {
        String domain = Api.newDomain("events");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("ordered");
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.PRODUCTS)) {
            applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
            applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0", "decimal(12,2)", false))
                    .then()
                    .statusCode(200);
            Api.as(owner)
                    .contentType(ContentType.JSON)
                    .body(Map.of("to", "PENDING_APPROVAL"))
                    .post(Api.BASE + "/products/" + id + "/versions/1.0.0/transitions")
                    .then()
                    .statusCode(200);

            List<CloudEventRecord> events = awaitEvents(reader, id, 3);

            assertThat(events).extracting(CloudEventRecord::sequence).containsExactly(1L, 2L, 3L);
            assertThat(events)
                    .extracting(CloudEventRecord::type)
                    .containsExactly(
                            EventType.PRODUCT_CREATED.type(),
                            EventType.PRODUCT_UPDATED.type(),
                            EventType.PRODUCT_PUBLISH_REQUESTED.type());
            for (CloudEventRecord event : events) {
                assertThat(event.key()).isEqualTo(id);
                assertThat(event.subject()).isEqualTo(id);
                assertThat(event.headers())
                        .containsEntry(CloudEventAttributes.SPECVERSION, "1.0")
                        .containsEntry(CloudEventAttributes.SOURCE, "/tessera/product-registry")
                        .containsKey(CloudEventAttributes.ID);
                EventType type = EventType.fromType(event.type()).orElseThrow();
                assertThat(event.headers())
                        .containsEntry(
                                CloudEventAttributes.DATASCHEMA,
                                type.dataSchema().toString());
                assertThat(EventSchemas.validate(type, event.data())).isEmpty();
                assertThat(event.data()
                                .path("descriptor")
                                .path("outputPorts")
                                .get(0)
                                .path("name")
                                .asText())
                        .isEqualTo("orders-table");
            }
            assertThat(events.get(2)
                            .data()
                            .path("versions")
                            .get(0)
                            .path("status")
                            .asText())
                    .isEqualTo("PENDING_APPROVAL");
            assertThat(events.get(2).data().path("change").path("toStatus").asText())
                    .isEqualTo("PENDING_APPROVAL");
        }
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryEventArrivesAfterItReturns() {
        String domain = Api.newDomain("outage");
        String owner = TestTokens.domainOwner(domain);
        List<String> ids = new ArrayList<>();
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.PRODUCTS)) {
            reader.poll();
            SharedInfrastructure.kafka().stop();
            try {
                for (int i = 0; i < 3; i++) {
                    String id = Api.newProductId("during-outage");
                    ids.add(id);
                    applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0"))
                            .then()
                            .statusCode(201);
                    applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.1"))
                            .then()
                            .statusCode(200);
                }
            } finally {
                SharedInfrastructure.kafka().restart();
            }
            for (String id : ids) {
                List<CloudEventRecord> events = awaitEvents(reader, id, 2);
                assertThat(events).extracting(CloudEventRecord::sequence).containsExactly(1L, 2L);
            }
            // Once the broker has them, they leave the outbox: it holds only what still waits.
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            QuarkusTransaction.requiringNew().call(() -> outboxRows.count("aggregateId in ?1", ids))
                                    == 0);
        }
    }

    @Test
    void domainChangesArePublishedWithTheirSchema() {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.DOMAINS)) {
            String domain = Api.newDomain("published");

            CloudEventRecord event = awaitEvents(reader, domain, 1).getFirst();

            assertThat(event.type()).isEqualTo(EventType.DOMAIN_UPSERTED.type());
            assertThat(event.sequence()).isEqualTo(1L);
            assertThat(EventSchemas.validate(EventType.DOMAIN_UPSERTED, event.data()))
                    .isEmpty();
            assertThat(event.data().path("ownerGroup").asText()).isEqualTo("/domains/" + domain);
        }
    }

    @Test
    void aRolledBackWritePublishesNothing() {
        String rolledBack = "rolled-back-" + System.nanoTime();
        String committed = "committed-" + System.nanoTime();
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.DOMAINS)) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    outbox.enqueue(EventType.DOMAIN_UPSERTED, rolledBack, 1, domainState(rolledBack));
                    throw new IllegalStateException("the write fails after queuing its event");
                });
            } catch (IllegalStateException expected) {
                // The transaction rolled back; its outbox row with it.
            }
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.enqueue(EventType.DOMAIN_UPSERTED, committed, 1, domainState(committed)));

            // The relay publishes in commit order, so once the later event is out the earlier one would be too.
            await().atMost(Duration.ofSeconds(60)).until(() -> !reader.matching(e -> committed.equals(e.key()))
                    .isEmpty());
            assertThat(reader.matching(e -> rolledBack.equals(e.key()))).isEmpty();
        }
    }

    private static DomainStateV1 domainState(String id) {
        return new DomainStateV1(id, 1, id, null, null, null, Instant.now());
    }

    /** The distinct events about one key, in the order read; delivery is at least once, so repeats are dropped. */
    private static List<CloudEventRecord> awaitEvents(TopicReader reader, String key, int count) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> distinct(reader.matching(e -> key.equals(e.key()))).size() >= count);
        return distinct(reader.matching(e -> key.equals(e.key())));
    }

    private static List<CloudEventRecord> distinct(List<CloudEventRecord> events) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        return events.stream().filter(e -> ids.add(e.id())).toList();
    }
}

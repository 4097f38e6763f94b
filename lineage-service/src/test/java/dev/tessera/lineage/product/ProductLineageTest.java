package dev.tessera.lineage.product;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.OpenLineageEvents;
import dev.tessera.lineage.support.PlatformEvents;
import dev.tessera.lineage.support.Products;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@LineageTestResources
class ProductLineageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anInputPortOnAnotherProductsContractLinksTheTwoProductsInEitherOrder() {
        String upstream = unique("orders");
        String downstream = unique("revenue");
        String contract = upstream + "-contract";
        // The consumer arrives first: its input port waits for the contract, listed as unresolved.
        Products.publish(Products.state(
                downstream, "finance", 1, Products.descriptor(downstream, "finance", List.of(), List.of(contract))));
        await().atMost(WAIT).until(() -> unresolvedInputs().contains(contract));

        Products.publish(Products.state(
                upstream,
                "sales",
                1,
                Products.descriptor(
                        upstream, "sales", List.<String[]>of(new String[] {"table", contract}), List.of())));

        await().atMost(WAIT).untilAsserted(() -> assertThat(downstreamKeys("PRODUCT:" + upstream, 2))
                .containsExactly("PORT:" + upstream + "/table", "PRODUCT:" + downstream));
        assertThat(unresolvedInputs()).doesNotContain(contract);
    }

    @Test
    void aPortLosesItsConsumerWhenTheConsumerDropsTheInputPort() {
        String upstream = unique("customers");
        String downstream = unique("churn");
        String contract = upstream + "-contract";
        Products.publish(Products.state(
                upstream,
                "crm",
                1,
                Products.descriptor(upstream, "crm", List.<String[]>of(new String[] {"table", contract}), List.of())));
        Products.publish(Products.state(
                downstream, "ml", 1, Products.descriptor(downstream, "ml", List.of(), List.of(contract))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(downstreamKeys("PORT:" + upstream + "/table", 1))
                .contains("PRODUCT:" + downstream));

        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.LINEAGE)) {
            Products.publish(
                    Products.state(downstream, "ml", 2, Products.descriptor(downstream, "ml", List.of(), List.of())));

            await().atMost(WAIT).untilAsserted(() -> assertThat(downstreamKeys("PORT:" + upstream + "/table", 1))
                    .isEmpty());
            await().atMost(WAIT).until(() -> !reader.matching(
                            e -> EventType.LINEAGE_EDGE_REMOVED.type().equals(e.type())
                                    && e.data().path("to").path("id").asText().equals(downstream))
                    .isEmpty());
        }
    }

    @Test
    void aStaleProductStateArrivingLateChangesNothing() {
        String upstream = unique("stock");
        String downstream = unique("forecast");
        String contract = upstream + "-contract";
        Products.publish(Products.state(
                upstream,
                "ops",
                1,
                Products.descriptor(upstream, "ops", List.<String[]>of(new String[] {"table", contract}), List.of())));
        Products.publish(
                Products.state(downstream, "ops", 2, Products.descriptor(downstream, "ops", List.of(), List.of())));
        await().atMost(WAIT).until(() -> nodeExists("PRODUCT:" + downstream));

        // Sequence 1 declared the input port, but sequence 2 already said it is gone.
        Products.publish(Products.state(
                downstream, "ops", 1, Products.descriptor(downstream, "ops", List.of(), List.of(contract))));
        String marker = unique("marker");
        Products.publish(Products.state(marker, "ops", 1, Products.descriptor(marker, "ops", List.of(), List.of())));
        await().atMost(WAIT).until(() -> nodeExists("PRODUCT:" + marker));

        assertThat(downstreamKeys("PRODUCT:" + upstream, 2)).containsExactly("PORT:" + upstream + "/table");
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String product = unique("redelivered");
        String eventId = UUID.randomUUID().toString();
        var state = Products.state(
                product,
                "ops",
                1,
                Products.descriptor(product, "ops", List.<String[]>of(new String[] {"p", product + "-c"}), List.of()));
        PlatformEvents.send(EventType.PRODUCT_UPDATED, product, 1, state, eventId);
        PlatformEvents.send(EventType.PRODUCT_UPDATED, product, 1, state, eventId);
        await().atMost(WAIT).until(() -> nodeExists("PORT:" + product + "/p"));

        assertThat(downstreamKeys("PRODUCT:" + product, 1)).containsExactly("PORT:" + product + "/p");
    }

    @Test
    void anActiveGrantIsAnEdgeUntilItIsRevokedAndBothChangesArePublished() {
        String provider = unique("payments");
        String consumer = unique("fraud");
        String request = unique("request");
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.LINEAGE)) {
            PlatformEvents.send(
                    EventType.ACCESS_ACTIVATED,
                    request,
                    3,
                    Products.grant(request, 3, provider, "events", consumer, "ACTIVE"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(downstreamKeys("PORT:" + provider + "/events", 1))
                    .containsExactly("PRODUCT:" + consumer));

            PlatformEvents.send(
                    EventType.ACCESS_REVOKED,
                    request,
                    4,
                    Products.grant(request, 4, provider, "events", consumer, "REVOKED"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(downstreamKeys("PORT:" + provider + "/events", 1))
                    .isEmpty());

            List<CloudEventRecord> events = awaitEdgeEvents(reader, consumer, 2);
            assertThat(events)
                    .extracting(CloudEventRecord::type)
                    .containsExactly(EventType.LINEAGE_EDGE_ADDED.type(), EventType.LINEAGE_EDGE_REMOVED.type());
            assertThat(events).extracting(CloudEventRecord::sequence).containsExactly(1L, 2L);
            for (CloudEventRecord event : events) {
                EventType type = EventType.fromType(event.type()).orElseThrow();
                assertThat(EventSchemas.validate(type, event.data())).isEmpty();
                assertThat(event.data().path("kind").asText()).isEqualTo("ACCESS_GRANT");
                assertThat(event.key()).isEqualTo(event.data().path("edgeId").asText());
            }
        }
    }

    @Test
    void aDatasetWrittenByAPipelineLinksToThePortWhoseContractServesIt() {
        String product = unique("shop");
        String table = unique("orders").replace('-', '_');
        Products.publish(Products.state(
                product,
                "sales",
                1,
                Products.descriptor(
                        product,
                        "sales",
                        List.<String[]>of(new String[] {"orders-table", product + "-c", table}),
                        List.of())));
        String dataset = "postgres://db.example.com:5432/shop.public." + table;
        await().atMost(WAIT).until(() -> nodeExists("DATASET:" + dataset));

        // A pipeline reads the table, named as the OpenLineage naming spec names Postgres tables.
        Api.post(OpenLineageEvents.run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        "postgres://db.example.com:5432",
                        "shop.public." + table,
                        "shop.public." + table,
                        "reporting.daily"))
                .then()
                .statusCode(201);

        assertThat(downstreamKeys("PRODUCT:" + product, 4))
                .containsExactly(
                        "PORT:" + product + "/orders-table",
                        "DATASET:" + dataset,
                        "JOB:postgres://db.example.com:5432/shop.public." + table,
                        "DATASET:postgres://db.example.com:5432/reporting.daily");
        assertThat(Api.graph("DATASET:" + dataset, "downstream", 1)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("root.domainId"))
                .isEqualTo("sales");
    }

    private static List<CloudEventRecord> awaitEdgeEvents(TopicReader reader, String consumer, int count) {
        await().atMost(WAIT).until(() -> distinct(reader, consumer).size() >= count);
        return distinct(reader, consumer);
    }

    private static List<CloudEventRecord> distinct(TopicReader reader, String consumer) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        return reader.matching(e -> e.data().path("to").path("id").asText().equals(consumer)).stream()
                .filter(e -> ids.add(e.id()))
                .toList();
    }

    private static boolean nodeExists(String key) {
        return Api.graph(key, "downstream", 1).statusCode() == 200;
    }

    private static List<String> downstreamKeys(String node, int depth) {
        Response response = Api.graph(node, "downstream", depth);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getList("items.key");
    }

    private static String unresolvedInputs() {
        return Api.admin()
                .get(Api.BASE + "/unresolved")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}

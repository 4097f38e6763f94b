package dev.tessera.lineage.graph.messaging;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.PlatformEvents;
import dev.tessera.lineage.support.Products;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This replica's index learns what other replicas write from tessera.lineage: here "another replica"
 * writes straight into the tables and announces the edge, as its outbox relay would.
 */
@QuarkusTest
@LineageTestResources
class IndexFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEdgeAnotherReplicaWroteReachesTheTraversalsThroughItsEvent() throws SQLException {
        String from = "feed/" + unique("in");
        String to = "feed/" + unique("out");
        LineageEdgeV1 event = writtenElsewhere(from, to);

        announce(event);

        await().atMost(WAIT).untilAsserted(() -> assertThat(exportedEdges("DATASET:" + from))
                .containsExactly("DATASET:" + from + " -> DATASET:" + to));
    }

    @Test
    void anAnnouncementHeardTwiceAndAfterTheLocalWriteLeavesOneEdge() throws SQLException {
        String from = "feed/" + unique("in");
        String to = "feed/" + unique("out");
        LineageEdgeV1 event = writtenElsewhere(from, to);
        announce(event);
        await().atMost(WAIT).until(() -> !exportedEdges("DATASET:" + from).isEmpty());

        announce(event);
        announce(event);
        String marker = "feed/" + unique("marker");
        announce(writtenElsewhere(marker, marker + "-out"));
        await().atMost(WAIT).until(() -> !exportedEdges("DATASET:" + marker).isEmpty());

        assertThat(exportedEdges("DATASET:" + from)).containsExactly("DATASET:" + from + " -> DATASET:" + to);
    }

    @Test
    void aProductsOutputPortEdgeIsPublishedSoEveryReplicaLearnsIt() {
        String product = unique("ports");
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.LINEAGE)) {
            Products.publish(Products.state(
                    product,
                    "sales",
                    1,
                    Products.descriptor(
                            product, "sales", List.<String[]>of(new String[] {"table", product + "-c"}), List.of())));

            await().atMost(WAIT).until(() -> !outputPortEvents(reader, product).isEmpty());
            CloudEventRecord added = outputPortEvents(reader, product).getFirst();
            assertThat(added.type()).isEqualTo(EventType.LINEAGE_EDGE_ADDED.type());
            assertThat(added.data().path("from").path("id").asText()).isEqualTo(product);
            assertThat(added.data().path("to").path("id").asText()).isEqualTo(product + "/table");
            assertThat(EventSchemas.validate(EventType.LINEAGE_EDGE_ADDED, added.data()))
                    .isEmpty();
        }
    }

    @Test
    void readinessReportsTheCaughtUpIndexAndTheLagIsAMetric() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath health = io.restassured.RestAssured.get("/q/health/ready").jsonPath();
            assertThat(health.getString("checks.find { it.name == 'lineage-index' }.status"))
                    .isEqualTo("UP");
        });

        assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                .contains("tessera_lineage_index_lag_records");
    }

    private static List<CloudEventRecord> outputPortEvents(TopicReader reader, String product) {
        return reader.matching(e -> "OUTPUT_PORT".equals(e.data().path("kind").asText())
                && product.equals(e.data().path("from").path("id").asText()));
    }

    /** Two dataset nodes and a present edge between them, written as another replica's ingest would. */
    private LineageEdgeV1 writtenElsewhere(String from, String to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int fromId = node(c, from);
            int toId = node(c, to);
            try (PreparedStatement edge =
                    c.prepareStatement("INSERT INTO lineage_edge (edge_key, from_id, to_id, kind, present, sequence) "
                            + "VALUES (?, ?, ?, 'OPENLINEAGE', true, 1)")) {
                edge.setString(1, "test|" + from + "|" + to);
                edge.setInt(2, fromId);
                edge.setInt(3, toId);
                edge.executeUpdate();
            }
        }
        return new LineageEdgeV1(
                unique("edge"),
                1,
                new LineageEdgeV1.Node("DATASET", from, null, null),
                new LineageEdgeV1.Node("DATASET", to, null, null),
                "OPENLINEAGE",
                true,
                Instant.now());
    }

    private static int node(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO lineage_node (node_key, type, name) VALUES (?, 'DATASET', ?) RETURNING id")) {
            insert.setString(1, "DATASET:" + name);
            insert.setString(2, name);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void announce(LineageEdgeV1 event) {
        PlatformEvents.send(EventType.LINEAGE_EDGE_ADDED, event.edgeId(), event.sequence(), event);
    }

    private static List<String> exportedEdges(String node) {
        JsonPath export = Api.as(TestTokens.dataConsumer())
                .queryParam("node", node)
                .queryParam("direction", "downstream")
                .queryParam("depth", 1)
                .get(Api.BASE + "/export")
                .jsonPath();
        List<String> from = export.getList("edges.from", String.class);
        List<String> to = export.getList("edges.to", String.class);
        if (from == null) {
            return List.of();
        }
        List<String> edges = new java.util.ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            edges.add(from.get(i) + " -> " + to.get(i));
        }
        return edges;
    }
}

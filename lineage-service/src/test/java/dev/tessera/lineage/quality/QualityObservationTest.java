package dev.tessera.lineage.quality;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.QualityEvents;
import dev.tessera.lineage.support.QualityEvents.Port;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What ingested OpenLineage events tell governance on tessera.quality-observations, read off Kafka
 * as governance reads it and checked against the event contract's JSON Schema.
 */
@QuarkusTest
@LineageTestResources
class QualityObservationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource database;

    TopicReader reader;

    @BeforeEach
    void readObservations() {
        reader = new TopicReader(SharedInfrastructure.kafka(), Topics.QUALITY_OBSERVATIONS);
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void aFailingAssertionAndMetricsOnAPortsDatasetGiveOneObservationForItsProduct() throws SQLException {
        Port port = QualityEvents.productPort("sales");
        String runId = UUID.randomUUID().toString();
        String output = QualityEvents.dataset(port.namespace(), port.table(), """
                "outputFacets": {"dataQualityAssertions": {"_producer": "https://example.com", "_schemaURL": "https://example.com/a.json",
                   "assertions": [
                     {"assertion": "not_null", "success": false, "column": "id", "severity": "error", "name": "id_not_null",
                      "description": "every order has an id", "expected": "0", "actual": "3", "content": "SELECT ..."},
                     {"assertion": "row_count", "success": true, "expected": 100, "actual": 120}]},
                  "outputStatistics": {"_producer": "https://example.com", "_schemaURL": "https://example.com/s.json",
                   "rowCount": 120, "size": 4096, "fileCount": 2}},
                "facets": {"dataQualityMetrics": {"_producer": "https://example.com", "_schemaURL": "https://example.com/m.json",
                   "rowCount": 120, "bytes": 4096, "columnMetrics": {"id": {"nullCount": 3, "distinctCount": 117,
                     "count": 120.0, "min": 1, "max": 120, "sum": 7260.5, "quantiles": {"0.5": 60}}}}}
                """);
        String eventId = post(QualityEvents.run(
                "COMPLETE",
                runId,
                "[" + QualityEvents.dataset(port.namespace(), "raw_orders", null) + "]",
                "[" + output + "]",
                null));

        CloudEventRecord record = awaitOne(port.dataset());
        JsonNode data = record.data();
        assertThat(record.type()).isEqualTo(EventType.QUALITY_OBSERVED.type());
        assertThat(record.key()).isEqualTo(port.product()).isEqualTo(record.subject());
        assertThat(record.sequence()).isEqualTo(storedId(eventId));
        assertThat(data.path("productId").asText()).isEqualTo(port.product());
        assertThat(data.path("domainId").asText()).isEqualTo("sales");
        assertThat(texts(data.path("ports"))).containsExactly("orders");
        assertThat(texts(data.path("dataset").path("names"))).containsExactly(port.dataset());
        assertThat(data.path("role").asText()).isEqualTo("OUTPUT");
        assertThat(data.path("write").asBoolean()).isTrue();
        assertThat(data.path("observedAt").asText()).isEqualTo("2024-05-01T10:15:30.123Z");
        assertThat(data.path("run").path("runId").asText()).isEqualTo(runId);
        assertThat(data.path("run").path("eventId").asText()).isEqualTo(eventId);
        assertThat(data.path("run").path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(data.path("run").path("job").asText()).isEqualTo(QualityEvents.JOB);
        JsonNode failing = data.path("assertions").get(0);
        assertThat(failing.path("assertion").asText()).isEqualTo("not_null");
        assertThat(failing.path("success").asBoolean()).isFalse();
        assertThat(failing.path("column").asText()).isEqualTo("id");
        assertThat(failing.path("severity").asText()).isEqualTo("error");
        assertThat(failing.path("level").asText()).isEqualTo("DATASET");
        assertThat(failing.path("name").asText()).isEqualTo("id_not_null");
        assertThat(failing.path("description").asText()).isEqualTo("every order has an id");
        assertThat(failing.path("expected").asText()).isEqualTo("0");
        assertThat(failing.path("actual").asText()).isEqualTo("3");
        assertThat(data.path("assertions").get(1).path("expected").asText()).isEqualTo("100");
        assertThat(data.path("assertions")).hasSize(2);
        JsonNode id = data.path("metrics").path("columns").path("id");
        assertThat(data.path("metrics").path("rowCount").asLong()).isEqualTo(120);
        assertThat(data.path("metrics").path("bytes").asLong()).isEqualTo(4096);
        assertThat(id.path("nullCount").asLong()).isEqualTo(3);
        assertThat(id.path("distinctCount").asLong()).isEqualTo(117);
        assertThat(id.path("count").asLong()).isEqualTo(120);
        assertThat(id.path("sum").decimalValue()).isEqualByComparingTo("7260.5");
        assertThat(id.path("quantiles").path("0.5").asInt()).isEqualTo(60);
        assertThat(data.path("outputStatistics").path("rowCount").asLong()).isEqualTo(120);
        assertThat(data.path("outputStatistics").path("size").asLong()).isEqualTo(4096);
        assertThat(data.path("outputStatistics").path("fileCount").asLong()).isEqualTo(2);
        // The input had no facets and is no port's dataset: nothing about it.
        assertThat(observations(port.namespace() + "/raw_orders")).isEmpty();
    }

    @Test
    void assertionsOnAnInputDatasetAreObservedAsRead() {
        Port port = QualityEvents.productPort("sales");
        String input = QualityEvents.dataset(port.namespace(), port.table(), """
                "inputFacets": {"dataQualityAssertions": {"_producer": "https://example.com", "_schemaURL": "https://example.com/a.json",
                   "assertions": [{"assertion": "unique", "success": true, "column": "id"}]}}
                """);
        post(QualityEvents.run("COMPLETE", UUID.randomUUID().toString(), "[" + input + "]", "[]", null));

        JsonNode data = awaitOne(port.dataset()).data();
        assertThat(data.path("role").asText()).isEqualTo("INPUT");
        assertThat(data.path("write").asBoolean()).isFalse();
        assertThat(data.path("productId").asText()).isEqualTo(port.product());
        assertThat(data.path("assertions")).singleElement().satisfies(assertion -> {
            assertThat(assertion.path("assertion").asText()).isEqualTo("unique");
            assertThat(assertion.path("success").asBoolean()).isTrue();
            assertThat(assertion.path("level").asText()).isEqualTo("DATASET");
        });
    }

    @Test
    void theRunsTestsApplyToItsOutputsAndSkippedTestsAreNoAssertions() {
        Port port = QualityEvents.productPort("sales");
        String ns = port.namespace();
        String tests = """
                "test": {"_producer": "https://example.com", "_schemaURL": "https://example.com/t.json", "tests": [
                  {"name": "orders_not_empty", "status": "fail", "severity": "warn", "type": "row_count",
                   "description": "orders were loaded", "expected": "> 0", "actual": "0"},
                  {"name": "ids_unique", "status": "pass"},
                  {"name": "slow_check", "status": "skip", "type": "custom_sql"}]}
                """;
        String input = unique("source");
        post(QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[" + QualityEvents.dataset(ns, input, null) + "]",
                "[" + QualityEvents.dataset(ns, port.table(), null) + "]",
                tests));

        JsonNode data = awaitOne(port.dataset()).data();
        assertThat(data.path("write").asBoolean()).isTrue();
        assertThat(data.path("assertions")).hasSize(2);
        JsonNode failing = data.path("assertions").get(0);
        assertThat(failing.path("assertion").asText()).isEqualTo("row_count");
        assertThat(failing.path("name").asText()).isEqualTo("orders_not_empty");
        assertThat(failing.path("success").asBoolean()).isFalse();
        assertThat(failing.path("level").asText()).isEqualTo("RUN");
        assertThat(failing.path("severity").asText()).isEqualTo("warn");
        assertThat(failing.path("expected").asText()).isEqualTo("> 0");
        assertThat(failing.path("actual").asText()).isEqualTo("0");
        // A test without a type is known by its name.
        assertThat(data.path("assertions").get(1).path("assertion").asText()).isEqualTo("ids_unique");
        // The run wrote something, so its tests are about that, not about what it read.
        assertThat(observations(ns + "/" + input)).isEmpty();

        // A run that wrote nothing: its tests are about what it read.
        String read = unique("checked");
        post(QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[" + QualityEvents.dataset(ns, read, null) + "]",
                "[]",
                tests));
        JsonNode checked = awaitOne(ns + "/" + read).data();
        assertThat(checked.path("role").asText()).isEqualTo("INPUT");
        assertThat(checked.path("productId").isMissingNode()).isTrue();
        assertThat(checked.path("assertions"))
                .extracting(a -> a.path("level").asText())
                .containsOnly("RUN");
    }

    @Test
    void aDatasetNamedByASymlinkOfThePortsDatasetIsThatPortsDataset() {
        Port port = QualityEvents.productPort("sales");
        String hive = "hive://metastore:9083";
        String hiveName = unique("shop") + ".orders";
        // An admin's event attaches the Hive name to the port's table ...
        String linked = QualityEvents.dataset(hive, hiveName, """
                "facets": {"symlinks": {"_producer": "https://example.com", "_schemaURL": "https://example.com/l.json",
                   "identifiers": [{"namespace": "%s", "name": "%s", "type": "TABLE"}]},
                  "dataQualityMetrics": {"_producer": "https://example.com", "_schemaURL": "https://example.com/m.json",
                   "rowCount": 5}}
                """.formatted(port.namespace(), port.table()));
        String first = Api.admin()
                .contentType(ContentType.JSON)
                .body(QualityEvents.run("RUNNING", UUID.randomUUID().toString(), "[]", "[" + linked + "]", null))
                .post(Api.BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("ids[0]");
        JsonNode viaSymlink = awaitOne(port.dataset()).data();
        assertThat(viaSymlink.path("run").path("eventId").asText()).isEqualTo(first);
        assertThat(viaSymlink.path("productId").asText()).isEqualTo(port.product());
        assertThat(texts(viaSymlink.path("dataset").path("names")))
                .containsExactly(port.dataset(), hive + "/" + hiveName);

        // ... and a pipeline naming the table by its Hive name alone reports on the port's dataset.
        String second = post(QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[]",
                "[" + QualityEvents.dataset(hive, hiveName, null) + "]",
                null));
        List<CloudEventRecord> both = awaitObservations(port.dataset(), 2);
        JsonNode byAlias = both.get(1).data();
        assertThat(byAlias.path("run").path("eventId").asText()).isEqualTo(second);
        assertThat(byAlias.path("productId").asText()).isEqualTo(port.product());
        assertThat(texts(byAlias.path("ports"))).containsExactly("orders");
        assertThat(byAlias.path("write").asBoolean()).isTrue();
    }

    @Test
    void aNameAnEarlierEventOfTheSameBatchGaveThePortsDatasetLeadsToItsPort() {
        Port port = QualityEvents.productPort("sales");
        String s3 = "s3://" + unique("lake");
        // The first event starts writing the table and names its files; the second, completing
        // the run, names the files alone.
        String named = QualityEvents.dataset(port.namespace(), port.table(), """
                "facets": {"symlinks": {"_producer": "https://example.com", "_schemaURL": "https://example.com/l.json",
                   "identifiers": [{"namespace": "%s", "name": "orders", "type": "LOCATION"}]}}
                """.formatted(s3));
        String runId = UUID.randomUUID().toString();
        List<String> ids = Api.admin()
                .contentType(ContentType.JSON)
                .body("[" + QualityEvents.run("START", runId, "[]", "[" + named + "]", null) + ","
                        + QualityEvents.run(
                                "COMPLETE", runId, "[]", "[" + QualityEvents.dataset(s3, "orders", null) + "]", null)
                        + "]")
                .post(Api.BASE + "/batch")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("ids", String.class);

        JsonNode data = awaitOne(port.dataset()).data();
        assertThat(data.path("run").path("eventId").asText()).isEqualTo(ids.get(1));
        assertThat(data.path("productId").asText()).isEqualTo(port.product());
        assertThat(data.path("write").asBoolean()).isTrue();
        assertThat(texts(data.path("dataset").path("names"))).containsExactly(port.dataset(), s3 + "/orders");
    }

    @Test
    void anUnmappedDatasetWithFacetsIsObservedWithoutAProduct() {
        String ns = unique("unmapped");
        String output = QualityEvents.dataset(ns, "scratch", """
                "outputFacets": {"outputStatistics": {"_producer": "https://example.com", "_schemaURL": "https://example.com/s.json",
                   "rowCount": 7}}
                """);
        post(QualityEvents.run("START", UUID.randomUUID().toString(), "[]", "[" + output + "]", null));

        CloudEventRecord record = awaitOne(ns + "/scratch");
        assertThat(record.key()).isEqualTo(ns + "/scratch");
        assertThat(record.data().path("productId").isMissingNode()).isTrue();
        assertThat(record.data().path("ports")).isEmpty();
        assertThat(record.data().path("write").asBoolean()).isFalse();
        assertThat(record.data().path("outputStatistics").path("rowCount").asLong())
                .isEqualTo(7);
    }

    @Test
    void aCompleteRunWritingAPortsDatasetIsAWriteEvenWithoutFacets() {
        Port port = QualityEvents.productPort("sales");
        String plain = "[" + QualityEvents.dataset(port.namespace(), port.table(), null) + "]";
        String runId = UUID.randomUUID().toString();
        // Starting to write is not a write; the completed run is.
        post(QualityEvents.run("START", runId, "[]", plain, null));
        String complete = post(QualityEvents.run("COMPLETE", runId, "[]", plain, null));

        JsonNode data = awaitOne(port.dataset()).data();
        assertThat(data.path("run").path("eventId").asText()).isEqualTo(complete);
        assertThat(data.path("write").asBoolean()).isTrue();
        assertThat(data.path("assertions")).isEmpty();
        assertThat(data.has("metrics")).isFalse();
        assertThat(data.path("productId").asText()).isEqualTo(port.product());
    }

    @Test
    void aDuplicateEventSendsNothingAgain() {
        Port port = QualityEvents.productPort("sales");
        String event = QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[]",
                "[" + QualityEvents.dataset(port.namespace(), port.table(), null) + "]",
                null);
        String first = post(event);
        awaitOne(port.dataset());

        Api.post(event).then().statusCode(200);
        // A later event of the same product: its observation follows any the duplicate could have caused.
        String later = post(QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[]",
                "[" + QualityEvents.dataset(port.namespace(), port.table(), null) + "]",
                null));

        List<CloudEventRecord> all = awaitObservations(port.dataset(), 2);
        assertThat(all)
                .extracting(r -> r.data().path("run").path("eventId").asText())
                .containsExactly(first, later);
    }

    @Test
    void aBatchGivesOneObservationPerEventAndTheSequenceFollowsTheStoredEvents() {
        Port port = QualityEvents.productPort("sales");
        String output = "[" + QualityEvents.dataset(port.namespace(), port.table(), null) + "]";
        List<String> ids = Api.postBatch("["
                        + QualityEvents.run("COMPLETE", UUID.randomUUID().toString(), "[]", output, null) + ","
                        + QualityEvents.run("COMPLETE", UUID.randomUUID().toString(), "[]", output, null) + "]")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("ids", String.class);

        List<CloudEventRecord> all = awaitObservations(port.dataset(), 2);
        assertThat(all)
                .extracting(r -> r.data().path("run").path("eventId").asText())
                .containsExactlyElementsOf(ids);
        assertThat(all.get(1).sequence()).isGreaterThan(all.get(0).sequence());
    }

    @Test
    void aDatasetServingPortsOfTwoProductsGivesOneObservationEach() {
        Port first = QualityEvents.productPort("sales");
        Port second = QualityEvents.sharedPort(first, "finance");
        String output = QualityEvents.dataset(first.namespace(), first.table(), """
                "outputFacets": {"outputStatistics": {"_producer": "https://example.com", "_schemaURL": "https://example.com/s.json",
                   "rowCount": 1}}
                """);
        String eventId =
                post(QualityEvents.run("COMPLETE", UUID.randomUUID().toString(), "[]", "[" + output + "]", null));

        List<CloudEventRecord> both = awaitObservations(first.dataset(), 2);
        assertThat(both).extracting(CloudEventRecord::key).containsExactlyInAnyOrder(first.product(), second.product());
        assertThat(both)
                .extracting(r -> r.data().path("domainId").asText())
                .containsExactlyInAnyOrder("sales", "finance");
        assertThat(both)
                .extracting(r -> r.data().path("observationId").asText())
                .doesNotHaveDuplicates();
        assertThat(both)
                .allSatisfy(r -> assertThat(r.data().path("run").path("eventId").asText())
                        .isEqualTo(eventId));
    }

    @Test
    void aDatasetEventWithMetricsIsObservedWithoutARun() {
        String ns = unique("dataset-event");
        String event = """
                {"eventTime": "2024-05-01T10:15:30Z", "producer": "https://example.com/test",
                 "dataset": %s}
                """.formatted(QualityEvents.dataset(ns, "table", """
                "facets": {"dataQualityMetrics": {"_producer": "https://example.com", "_schemaURL": "https://example.com/m.json",
                   "rowCount": 3, "columnMetrics": {}}}
                """));
        post(event);

        JsonNode data = awaitOne(ns + "/table").data();
        assertThat(data.path("role").asText()).isEqualTo("DATASET");
        assertThat(data.has("run")).isFalse();
        assertThat(data.path("write").asBoolean()).isFalse();
        assertThat(data.path("metrics").path("rowCount").asLong()).isEqualTo(3);
    }

    private static String post(String event) {
        return Api.post(event).then().statusCode(201).extract().jsonPath().getString("ids[0]");
    }

    /** The one observation about a dataset, once it arrived, checked against the contract. */
    private CloudEventRecord awaitOne(String dataset) {
        List<CloudEventRecord> found = awaitObservations(dataset, 1);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    /**
     * The observations about a dataset once {@code count} arrived, each checked against the
     * contract; more than {@code count} fails. Observations with one key keep their order, so a
     * test that expects none from an earlier event finds its stray one before the later ones.
     */
    private List<CloudEventRecord> awaitObservations(String dataset, int count) {
        await().atMost(WAIT).until(() -> observations(dataset).size() >= count);
        List<CloudEventRecord> found = observations(dataset);
        assertThat(found).hasSize(count);
        for (CloudEventRecord record : found) {
            assertThat(EventSchemas.validate(EventType.QUALITY_OBSERVED, record.data()))
                    .as(record.data().toString())
                    .isEmpty();
        }
        return found;
    }

    /** Observations read so far about a dataset (by node name), each once. */
    private List<CloudEventRecord> observations(String dataset) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        return reader
                .matching(r -> r.data().path("dataset").path("name").asText().equals(dataset))
                .stream()
                .filter(r -> ids.add(r.id()))
                .toList();
    }

    private long storedId(String publicId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT id FROM openlineage_event WHERE public_id = ?::uuid")) {
            query.setString(1, publicId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

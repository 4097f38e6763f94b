package dev.tessera.lineage.openlineage;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@LineageTestResources
class OpenLineageIngestTest {

    /** Lineage's own database, to read back what an ingest stored. */
    @Inject
    DataSource database;

    @Test
    void aRunEventLinksItsInputsThroughTheJobToItsOutputs() {
        String ns = unique("warehouse");
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), ns, "load", "raw", "clean"))
                .then()
                .statusCode(201);

        List<String> downstream = downstreamKeys("DATASET:" + ns + "/raw", 5);

        assertThat(downstream).containsExactly("JOB:" + ns + "/load", "DATASET:" + ns + "/clean");
    }

    @Test
    void aRunEventCarryingADatasetBesideRunAndJobIsStillARunEvent() {
        // The spec's own full example has run, job and dataset: only RunEvent matches it.
        String ns = unique("mixed");
        String event = run("COMPLETE", UUID.randomUUID().toString(), ns, "load", "raw", "clean")
                .replaceFirst("\\{", "{\"dataset\": {\"namespace\": \"" + ns + "\", \"name\": \"aside\"},");
        Api.post(event).then().statusCode(201);

        assertThat(downstreamKeys("DATASET:" + ns + "/raw", 5))
                .containsExactly("JOB:" + ns + "/load", "DATASET:" + ns + "/clean");
        Api.graph("DATASET:" + ns + "/aside", "downstream", 1).then().statusCode(404);
    }

    @Test
    void anEventWithJobAndDatasetButNoRunIsRefusedAsAmbiguous() {
        String ns = unique("ambiguous");
        Api.post("""
                        {"eventTime": "2024-05-01T10:15:30Z", "producer": "https://example.com",
                         "job": {"namespace": "%1$s", "name": "load"},
                         "dataset": {"namespace": "%1$s", "name": "orders"}}
                        """.formatted(ns))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JobEvent"));
        Api.graph("DATASET:" + ns + "/orders", "downstream", 1).then().statusCode(404);
    }

    @Test
    void outOfOrderAndRepeatedEventsLeaveTheSameGraph() {
        String inOrder = unique("ordered");
        String shuffled = unique("shuffled");
        String runA = UUID.randomUUID().toString();
        String runB = UUID.randomUUID().toString();
        Api.post(run("START", runA, inOrder, "job", "in", "out")).then().statusCode(201);
        Api.post(run("COMPLETE", runA, inOrder, "job", "in", "out")).then().statusCode(201);

        Api.post(run("COMPLETE", runB, shuffled, "job", "in", "out")).then().statusCode(201);
        Api.post(run("START", runB, shuffled, "job", "in", "out")).then().statusCode(201);
        Api.post(run("COMPLETE", runB, shuffled, "job", "in", "out"))
                .then()
                .statusCode(200)
                .body("accepted", is(0))
                .body("duplicates", is(1));

        assertThat(downstreamKeys("DATASET:" + shuffled + "/in", 5))
                .containsExactlyElementsOf(downstreamKeys("DATASET:" + inOrder + "/in", 5).stream()
                        .map(k -> k.replace(inOrder, shuffled))
                        .toList());
    }

    @Test
    void aBatchIsStoredInOneCall() {
        String ns = unique("batch");
        String events = "[" + run("START", UUID.randomUUID().toString(), ns, "a", "d1", "d2") + ","
                + run("COMPLETE", UUID.randomUUID().toString(), ns, "b", "d2", "d3") + "]";

        Api.postBatch(events).then().statusCode(201).body("accepted", is(2));

        assertThat(downstreamKeys("DATASET:" + ns + "/d1", 4))
                .containsExactly(
                        "JOB:" + ns + "/a", "DATASET:" + ns + "/d2", "JOB:" + ns + "/b", "DATASET:" + ns + "/d3");
    }

    @Test
    void aBatchWithOneInvalidEventStoresNothingAndNamesTheEvent() {
        String ns = unique("rejected-batch");
        String events = "[" + run("START", UUID.randomUUID().toString(), ns, "a", "d1", "d2") + ","
                + run("START", "not-a-uuid", ns, "b", "d2", "d3") + "]";

        Api.postBatch(events)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("/1/run/runId"));

        Api.graph("DATASET:" + ns + "/d1", "downstream", 1).then().statusCode(404);
    }

    @Test
    void anEventWithALargeFacetIsCheckedAndStoredLikeAnyOther() {
        // Integrations attach large facets (a query's text, a schema of hundreds of fields).
        String bulk = "x".repeat(100_000);
        String ns = unique("large");
        String facet = "\"run\": {\"facets\": {\"custom\": {\"_producer\": \"https://example.com\", "
                + "\"_schemaURL\": \"https://example.com/custom.json\", \"notes\": \"" + bulk + "\"}}, ";
        String event = run("COMPLETE", UUID.randomUUID().toString(), ns, "load", "raw", "clean")
                .replaceFirst("\"run\": \\{", java.util.regex.Matcher.quoteReplacement(facet));

        Api.post(event).then().statusCode(201);
        assertThat(downstreamKeys("DATASET:" + ns + "/raw", 5))
                .containsExactly("JOB:" + ns + "/load", "DATASET:" + ns + "/clean");

        String withoutJobName = """
                {"eventType": "START", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s", "facets": {"custom": {"_producer": "https://example.com",
                   "_schemaURL": "https://example.com/custom.json", "notes": "%s"}}},
                 "job": {"namespace": "ns"}, "producer": "https://example.com/test"}
                """.formatted(UUID.randomUUID(), bulk);
        Api.post(withoutJobName)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("/job/name"));
    }

    @Test
    void anEventWithoutAJobNameIsRefusedNamingTheField() {
        String event = """
                {"eventType": "START", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "ns"},
                 "producer": "https://example.com/test"}
                """.formatted(UUID.randomUUID());

        Api.post(event)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("/job/name"))
                .body("detail", containsString("/job/name"));
    }

    @Test
    void anUnreadableTimeAndAnUnknownEventTypeAreBothNamed() {
        String event = """
                {"eventType": "FINISHED", "eventTime": "yesterday",
                 "run": {"runId": "%s"}, "job": {"namespace": "ns", "name": "j"},
                 "producer": "https://example.com/test"}
                """.formatted(UUID.randomUUID());

        Api.post(event)
                .then()
                .statusCode(400)
                .body("errors.path", org.hamcrest.Matchers.containsInAnyOrder("/eventTime", "/eventType"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400Problem() {
        Api.as(Api.producerToken())
                .contentType("application/json")
                .body("{\"eventTime\": ")
                .post(Api.BASE)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anEventThatIsNeitherRunNorJobNorDatasetIsRefused() {
        Api.post("{\"eventTime\": \"2024-05-01T10:15:30Z\", \"producer\": \"https://example.com\"}")
                .then()
                .statusCode(400)
                .body("detail", containsString("RunEvent"));
    }

    @Test
    void aBatchMustBeAnArray() {
        Api.postBatch(run("START", UUID.randomUUID().toString(), "ns", "a", "b", "c"))
                .then()
                .statusCode(400)
                .body("detail", containsString("array"));
    }

    @Test
    void columnLineageLinksInputColumnsToOutputColumnsWithTheirTransformation() {
        String ns = unique("columns");
        String event = """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%1$s"}, "job": {"namespace": "%2$s", "name": "join"},
                 "inputs": [{"namespace": "%2$s", "name": "customers"}, {"namespace": "%2$s", "name": "discounts"}],
                 "outputs": [{"namespace": "%2$s", "name": "offers", "facets": {"columnLineage": {
                   "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
                   "fields": {"NAME": {"inputFields": [
                     {"namespace": "%2$s", "name": "customers", "field": "NAME", "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]},
                     {"namespace": "%2$s", "name": "discounts", "field": "CUSTOMER_ID", "transformations": [{"type": "INDIRECT", "subtype": "JOIN"}]}
                   ]}}}}}],
                 "producer": "https://example.com/test"}
                """.formatted(UUID.randomUUID(), ns);
        Api.post(event).then().statusCode(201);

        List<String> upstream = Api.graph("COLUMN:" + ns + "/offers#NAME", "upstream", 1)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.key");

        assertThat(upstream)
                .containsExactlyInAnyOrder(
                        "COLUMN:" + ns + "/customers#NAME", "COLUMN:" + ns + "/discounts#CUSTOMER_ID");
        assertThat(downstreamKeys("COLUMN:" + ns + "/customers#NAME", 3))
                .containsExactly("COLUMN:" + ns + "/offers#NAME");
    }

    @Test
    void aDatasetSeenByTwoToolsUnderTwoNamesIsOneNode() {
        String ns = unique("symlinks");
        String hive = "hive://metastore:9083";
        String s3 = "s3://" + ns;
        // Spark reports the table by its Hive name with its S3 location as a symlink ...
        String spark = """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "spark", "name": "%s.write"},
                 "outputs": [{"namespace": "%s", "name": "%s.orders", "facets": {"symlinks": {
                   "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json",
                   "identifiers": [{"namespace": "%s", "name": "warehouse/orders", "type": "TABLE"}]}}}],
                 "producer": "https://example.com/spark"}
                """.formatted(UUID.randomUUID(), ns, hive, ns, s3);
        // ... and a Python job reads the files by their S3 name only.
        String python = run("COMPLETE", UUID.randomUUID().toString(), s3, "report", "warehouse/orders", "report");
        Api.post(spark).then().statusCode(201);
        Api.post(python).then().statusCode(201);

        assertThat(downstreamKeys("DATASET:" + hive + "/" + ns + ".orders", 2))
                .containsExactly("JOB:" + s3 + "/report", "DATASET:" + s3 + "/report");
        // The S3 name is not a node of its own, but asking by it finds the one node.
        assertThat(downstreamKeys("DATASET:" + s3 + "/warehouse/orders", 2))
                .containsExactly("JOB:" + s3 + "/report", "DATASET:" + s3 + "/report");
    }

    @Test
    void columnLineageFromAnUnknownDatasetIsKeptAndListedAsUnresolved() {
        String ns = unique("unresolved");
        String event = """
                {"eventTime": "2024-05-01T10:15:30Z",
                 "dataset": {"namespace": "%1$s", "name": "target", "facets": {"columnLineage": {
                   "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
                   "fields": {"id": {"inputFields": [{"namespace": "%1$s", "name": "never-seen", "field": "id"}]}}}}},
                 "producer": "https://example.com/test"}
                """.formatted(ns);

        String id = Api.post(event)
                .then()
                .statusCode(201)
                .body("unresolved.size()", is(1))
                .extract()
                .jsonPath()
                .getString("ids[0]");

        String listed = Api.as(TestTokens.governanceOfficer())
                .queryParam("limit", 200)
                .get(Api.BASE + "/unresolved")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(listed).contains("\"id\":\"" + id + "\"").contains(ns + "/never-seen#id");
        Api.as(Api.producerToken()).get(Api.BASE + "/events/" + id).then().statusCode(200);
    }

    @Test
    void eventsWithoutTimezoneOrWithNanosecondsAreReadAsUtc() throws SQLException {
        String ns = unique("times");
        // PostgreSQL keeps microseconds: the nanoseconds' last three digits are dropped, nothing else.
        Map<String, Instant> stored = Map.of(
                "2020-12-28T19:51:01.641499", Instant.parse("2020-12-28T19:51:01.641499Z"),
                "2020-12-28T19:52:02.641499123Z", Instant.parse("2020-12-28T19:52:02.641499Z"));
        for (Map.Entry<String, Instant> time : stored.entrySet()) {
            String runId = UUID.randomUUID().toString();
            String event = """
                    {"eventTime": "%s", "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "j"},
                     "producer": "https://example.com/test"}
                    """.formatted(time.getKey(), runId, ns);
            Api.post(event).then().statusCode(201);

            assertThat(storedEventTime(runId)).as(time.getKey()).isEqualTo(time.getValue());
        }
    }

    /** The event time lineage stored for the one event of a run. */
    private Instant storedEventTime(String runId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT event_time FROM openlineage_event WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("an event stored for run " + runId).isTrue();
                return row.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    @Test
    void concurrentSingleCallsAreAllWrittenAndTheGroupsTheyFormedAreMeasured() throws Exception {
        String ns = unique("grouped");
        int calls = 16;
        double callsBefore = metric("tessera_lineage_ingest_group_calls_sum");
        double groupsBefore = metric("tessera_lineage_ingest_group_calls_count");
        List<Integer> statuses;
        try (ExecutorService senders = Executors.newFixedThreadPool(calls)) {
            List<Future<Integer>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String event = run("COMPLETE", UUID.randomUUID().toString(), ns, "job" + i, "in" + i, "out" + i);
                sent.add(senders.submit(() -> Api.post(event).statusCode()));
            }
            statuses = new java.util.ArrayList<>();
            for (Future<Integer> status : sent) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnly(201);
        for (int i = 0; i < calls; i++) {
            assertThat(downstreamKeys("DATASET:" + ns + "/in" + i, 2))
                    .containsExactly("JOB:" + ns + "/job" + i, "DATASET:" + ns + "/out" + i);
        }
        double groups = metric("tessera_lineage_ingest_group_calls_count") - groupsBefore;
        assertThat(metric("tessera_lineage_ingest_group_calls_sum") - callsBefore)
                .isEqualTo(calls);
        assertThat(groups).isBetween(1.0, (double) calls);
    }

    @Test
    void concurrentBatchesAreAllWritten() throws Exception {
        // Eight batches at once, each its own transaction over overlapping node tables: none is refused.
        String ns = unique("batches");
        int batches = 8;
        List<Integer> statuses = new java.util.ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(batches)) {
            List<Future<Integer>> sent = new java.util.ArrayList<>();
            for (int b = 0; b < batches; b++) {
                StringBuilder events = new StringBuilder("[");
                for (int i = 0; i < 20; i++) {
                    String job = "job" + b + "-" + i;
                    events.append(i == 0 ? "" : ",")
                            .append(run(
                                    "COMPLETE",
                                    UUID.randomUUID().toString(),
                                    ns,
                                    job,
                                    "in" + b + "-" + i,
                                    "out" + b + "-" + i));
                }
                String body = events.append("]").toString();
                sent.add(senders.submit(() -> Api.postBatch(body).statusCode()));
            }
            for (Future<Integer> status : sent) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnly(201);
        for (int b = 0; b < batches; b++) {
            assertThat(downstreamKeys("DATASET:" + ns + "/in" + b + "-19", 2))
                    .containsExactly("JOB:" + ns + "/job" + b + "-19", "DATASET:" + ns + "/out" + b + "-19");
        }
    }

    /** A value of the Prometheus scrape, 0 when the series is not there yet. */
    private static double metric(String series) {
        String scrape = io.restassured.RestAssured.given().get("/q/metrics").asString();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                        "(?m)^" + series + "(?:\\{[^}]*\\})? ([0-9.Ee+-]+)$")
                .matcher(scrape);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static List<String> downstreamKeys(String node, int depth) {
        return Api.graph(node, "downstream", depth)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.key");
    }
}

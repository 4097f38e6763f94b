package dev.tessera.lineage.openlineage;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The spec schema at the door, one audit entry per ingest call, and concurrent single calls. */
@QuarkusTest
@LineageTestResources
class IngestAuditAndSchemaTest {

    @Test
    void anEventBreakingTheSpecSchemaIsRefusedNamingThePathAndNothingIsStored() {
        String ns = unique("schema");
        String event = """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "load"},
                 "inputs": [],
                 "outputs": [{"namespace": "%s", "name": "out",
                              "facets": {"schema": {"_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json",
                                                    "fields": []}}}],
                 "producer": "https://example.com/test"}
                """.formatted(UUID.randomUUID(), ns, ns);
        String batch = "[" + run("START", UUID.randomUUID().toString(), ns, "first", "a", "b") + "," + event + "]";

        Api.postBatch(batch)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("/1/outputs/0/facets/schema"))
                .body("detail", containsString("/1/outputs/0/facets/schema"))
                .body("detail", containsString("_producer"));

        Api.graph("DATASET:" + ns + "/a", "downstream", 1).then().statusCode(404);
    }

    @Test
    void everyCallThatStoresEventsIsAuditedOnceWithItsSender() {
        String ns = unique("audited");
        List<String> batchIds = Api.postBatch(
                        "[" + run("START", UUID.randomUUID().toString(), ns, "a", "x", "y") + ","
                                + run("START", UUID.randomUUID().toString(), ns, "b", "y", "z") + "]")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("ids");
        String singleId = Api.post(run("START", UUID.randomUUID().toString(), ns, "c", "z", "w"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("ids[0]");

        List<Map<String, Object>> entries = Api.admin()
                .queryParam("limit", 200)
                .get(Api.BASE + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");

        List<Map<String, Object>> batchEntries = entries.stream()
                .filter(e -> detail(e).get("lastEventId").equals(batchIds.getLast()))
                .toList();
        assertThat(batchEntries).hasSize(1);
        assertThat(batchEntries.getFirst())
                .containsEntry("actor", "airflow-openlineage")
                .containsEntry("action", "openlineage.batch-ingested");
        assertThat(detail(batchEntries.getFirst()))
                .containsEntry("accepted", 2)
                .containsEntry("firstEventId", batchIds.getFirst());
        assertThat(entries)
                .filteredOn(e -> detail(e).get("lastEventId").equals(singleId))
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("action", "openlineage.ingested"));
    }

    @Test
    void theIngestAuditTrailIsForAdminsAndGovernanceOfficers() {
        Api.as(TestTokens.dataConsumer()).get(Api.BASE + "/audit").then().statusCode(403);
        Api.as(TestTokens.governanceOfficer()).get(Api.BASE + "/audit").then().statusCode(200);
    }

    @Test
    void concurrentSingleCallsAreEachAnsweredWithTheirOwnEventsAndASharedEventIsStoredOnce() throws Exception {
        String ns = unique("concurrent");
        String shared = run("COMPLETE", UUID.randomUUID().toString(), ns, "shared", "in", "out");
        List<Future<JsonPath>> distinct = new ArrayList<>();
        List<Future<JsonPath>> same = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                String event = run("COMPLETE", UUID.randomUUID().toString(), ns, "job" + i, "in", "out" + i);
                distinct.add(senders.submit(
                        () -> Api.post(event).then().statusCode(201).extract().jsonPath()));
                same.add(senders.submit(() -> Api.post(shared).then().extract().jsonPath()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<JsonPath> answer : distinct) {
                assertThat(answer.get().getInt("accepted")).isEqualTo(1);
                ids.add(answer.get().getString("ids[0]"));
            }
            assertThat(ids).doesNotHaveDuplicates();
            int accepted = 0;
            for (Future<JsonPath> answer : same) {
                accepted += answer.get().getInt("accepted");
                assertThat(answer.get().getInt("accepted") + answer.get().getInt("duplicates"))
                        .isEqualTo(1);
            }
            assertThat(accepted).isEqualTo(1);
        }
        assertThat(Api.graph("DATASET:" + ns + "/in", "downstream", 1)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.key"))
                .hasSize(13);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("detail");
    }
}

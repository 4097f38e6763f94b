package dev.tessera.lineage.query;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A dataset is one node under every name it was reported by (its own and its symlinks'), so every
 * query that takes a node answers the same whichever of its names is asked; a name no dataset has
 * is a 404 that suggests the names nearest to it.
 */
@QuarkusTest
@LineageTestResources
class DatasetNamesTest {

    /** The warehouse name people know the dataset by: the symlink of the Spark job's output. */
    private static final String WAREHOUSE_NAME = "analytics.orders";

    private record Fixture(String primary, String symlink, String ns, String warehouse) {}

    /** Spark writes ns/raw.orders (symlinked to warehouse/analytics.orders) from ns/source; a report job reads it. */
    private static Fixture ingest() {
        String ns = unique("names");
        String warehouse = unique("warehouse");
        String spark = """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "spark.write"},
                 "inputs": [{"namespace": "%s", "name": "source"}],
                 "outputs": [{"namespace": "%s", "name": "raw.orders", "facets": {"symlinks": {
                   "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json",
                   "identifiers": [{"namespace": "%s", "name": "%s", "type": "TABLE"}]}}}],
                 "producer": "https://example.com/spark"}
                """.formatted(UUID.randomUUID(), ns, ns, ns, warehouse, WAREHOUSE_NAME);
        Api.post(spark).then().statusCode(201);
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), ns, "report", "raw.orders", "report"))
                .then()
                .statusCode(201);
        return new Fixture(
                "DATASET:" + ns + "/raw.orders", "DATASET:" + warehouse + "/" + WAREHOUSE_NAME, ns, warehouse);
    }

    private static JsonPath get(String endpoint, Map<String, ?> params) {
        return Api.as(TestTokens.dataConsumer())
                .queryParams(params)
                .get(Api.BASE + endpoint)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void everyNodeQueryAnswersTheSameForASymlinkNameAsForThePrimaryName() {
        Fixture f = ingest();

        for (String direction : List.of("downstream", "upstream")) {
            JsonPath byPrimary = get("/graph", Map.of("node", f.primary(), "direction", direction, "depth", 3));
            JsonPath bySymlink = get("/graph", Map.of("node", f.symlink(), "direction", direction, "depth", 3));
            assertThat(bySymlink.getList("items.key")).isNotEmpty().isEqualTo(byPrimary.getList("items.key"));
            assertThat(bySymlink.getString("root.key")).isEqualTo(f.primary());
        }
        assertThat(get("/impact", Map.of("node", f.symlink())).getList("consumers.node.key"))
                .isNotEmpty()
                .isEqualTo(get("/impact", Map.of("node", f.primary())).getList("consumers.node.key"));
        assertThat(get("/export", Map.of("node", f.symlink(), "direction", "both"))
                        .getList("nodes.key"))
                .isNotEmpty()
                .isEqualTo(get("/export", Map.of("node", f.primary(), "direction", "both"))
                        .getList("nodes.key"));
        String report = "DATASET:" + f.ns() + "/report";
        assertThat(get("/path", Map.of("from", f.symlink(), "to", report)).getList("nodes.key"))
                .isEqualTo(
                        get("/path", Map.of("from", f.primary(), "to", report)).getList("nodes.key"))
                .hasSize(3);
        assertThat(get("/path", Map.of("from", "DATASET:" + f.ns() + "/source", "to", f.symlink()))
                        .getList("nodes.key"))
                .hasSize(3);
    }

    @Test
    void aMisspelledNameIsA404SuggestingTheNamesNearestToIt() {
        Fixture f = ingest();
        String misspelled = "DATASET:" + f.warehouse() + "/analytics.ordrs";

        Api.as(TestTokens.dataConsumer())
                .queryParam("node", misspelled)
                .get(Api.BASE + "/graph")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("suggestions", hasItem(f.symlink()))
                .body("detail", containsString(f.symlink()));
    }
}

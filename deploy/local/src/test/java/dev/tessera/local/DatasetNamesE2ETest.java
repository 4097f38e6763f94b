package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dataset reported under a storage name with its warehouse name as a symlink is found through the
 * gateway by either name, and a misspelt name is a 404 that suggests the nearest known names.
 */
@ExtendWith(SharedStack.class)
class DatasetNamesE2ETest {

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void aDatasetIsFoundByItsWarehouseNameAndAMisspeltNameGetsSuggestions() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String storage = "s3://lake-" + suffix;
        String warehouse = "snowflake://acme-" + suffix;
        String table = "analytics.orders_" + suffix;
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/tessera/e2e"));
        try (OpenLineageClient client = Pipelines.throughGateway(stack, identities)) {
            client.emit(ol.newRunEventBuilder()
                    .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                    .eventTime(ZonedDateTime.now())
                    .run(ol.newRun(UUID.randomUUID(), null))
                    .job(ol.newJob("spark", "orders.write_" + suffix, null))
                    .inputs(List.of(ol.newInputDatasetBuilder()
                            .namespace(storage)
                            .name("landing/orders")
                            .build()))
                    .outputs(List.of(ol.newOutputDatasetBuilder()
                            .namespace(storage)
                            .name("curated/orders")
                            .facets(ol.newDatasetFacetsBuilder()
                                    .symlinks(ol.newSymlinksDatasetFacet(
                                            List.of(ol.newSymlinksDatasetFacetIdentifiers(warehouse, table, "TABLE"))))
                                    .build())
                            .build()))
                    .build());
        }
        String primary = "DATASET:" + storage + "/curated/orders";
        String known = "DATASET:" + warehouse + "/" + table;

        JsonNode byWarehouseName = Awaitility.await("the dataset found by its warehouse name")
                .atMost(Duration.ofSeconds(30))
                .until(() -> graph(known), reply -> reply.status() == 200)
                .body();
        assertThat(byWarehouseName.at("/root/key").asText()).isEqualTo(primary);
        assertThat(keys(byWarehouseName.path("items")))
                .as("the job that wrote it, upstream of the dataset asked by its other name")
                .contains("JOB:spark/orders.write_" + suffix);

        PlatformClient.Reply misspelt = graph("DATASET:" + warehouse + "/" + table.replace("orders", "ordrs"));
        assertThat(misspelt.status()).isEqualTo(404);
        assertThat(keysOf(misspelt.body().path("suggestions"))).contains(known);
    }

    private PlatformClient.Reply graph(String node) {
        return http.get(
                steps.api("/api/lineage/v1/graph?direction=upstream&depth=2&node="
                        + URLEncoder.encode(node, StandardCharsets.UTF_8)),
                identities.dataConsumer());
    }

    private static List<String> keys(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.path("key").asText()));
        return keys;
    }

    private static List<String> keysOf(JsonNode texts) {
        List<String> values = new ArrayList<>();
        texts.forEach(text -> values.add(text.asText()));
        return values;
    }
}

package dev.tessera.lineage.openlineage;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The official OpenLineage Java client, configured as users configure it, talks to Tessera unchanged. */
@QuarkusTest
@LineageTestResources
class OpenLineageClientTest {

    private static final URI PRODUCER =
            URI.create("https://github.com/OpenLineage/OpenLineage/tree/1.39.0/client/java");

    @TestHTTPResource("/")
    URL service;

    @Test
    void runEventsSentByTheOfficialClientAreReadBackAsLineage() throws Exception {
        String ns = unique("client");
        OpenLineage ol = new OpenLineage(PRODUCER);
        UUID runId = UUID.randomUUID();
        OpenLineage.InputDataset orders =
                ol.newInputDatasetBuilder().namespace(ns).name("orders").build();
        OpenLineage.OutputDataset totals = ol.newOutputDatasetBuilder()
                .namespace(ns)
                .name("totals")
                .facets(ol.newDatasetFacetsBuilder()
                        .columnLineage(ol.newColumnLineageDatasetFacetBuilder()
                                .fields(ol.newColumnLineageDatasetFacetFieldsBuilder()
                                        .put(
                                                "total",
                                                ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                                                        .inputFields(List.of(ol.newInputFieldBuilder()
                                                                .namespace(ns)
                                                                .name("orders")
                                                                .field("amount")
                                                                .transformations(List.of(
                                                                        ol.newInputFieldTransformationsBuilder()
                                                                                .type("DIRECT")
                                                                                .subtype("AGGREGATION")
                                                                                .build()))
                                                                .build()))
                                                        .build())
                                        .build())
                                .build())
                        .build())
                .build();

        try (OpenLineageClient client = new OpenLineageClient(transport())) {
            for (OpenLineage.RunEvent.EventType type :
                    List.of(OpenLineage.RunEvent.EventType.START, OpenLineage.RunEvent.EventType.COMPLETE)) {
                client.emit(ol.newRunEventBuilder()
                        .eventType(type)
                        .eventTime(ZonedDateTime.now())
                        .run(ol.newRun(runId, null))
                        .job(ol.newJob(ns, "daily_totals", null))
                        .inputs(List.of(orders))
                        .outputs(List.of(totals))
                        .build());
            }
        }

        assertThat(Api.graph("DATASET:" + ns + "/orders", "downstream", 2)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.key"))
                .containsExactly("JOB:" + ns + "/daily_totals", "DATASET:" + ns + "/totals");
        assertThat(Api.graph("COLUMN:" + ns + "/orders#amount", "downstream", 1)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.key"))
                .containsExactly("COLUMN:" + ns + "/totals#total");
    }

    /** The HTTP transport as users set it up: the server's base URL (default endpoint /api/v1/lineage) and an API key. */
    private HttpTransport transport() {
        return HttpTransport.builder()
                .uri(URI.create(service.getProtocol() + "://" + service.getHost() + ":" + service.getPort()))
                .apiKey(Api.producerToken())
                .build();
    }
}

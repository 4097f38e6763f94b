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
 * "What breaks if this raw table changes?", asked through the gateway of the running platform: a
 * pipeline loads a raw table into the table that serves one product's output port, another product
 * reads that port's contract, and the raw table's impact names both products, their owners and the
 * path from the table to each.
 */
@ExtendWith(SharedStack.class)
class ImpactAcrossProductsE2ETest {

    private static final String WAREHOUSE = "postgres://warehouse.example.com:5432";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void theImpactOfARawTableNamesTheProductItFeedsAndThatProductsConsumers() throws Exception {
        String shop = steps.newDomain("i");
        String finance = steps.newDomain("i");
        String orders = shop + "-orders";
        String revenue = finance + "-revenue";
        publish(
                identities.domainOwner(shop),
                orders,
                Descriptors.product(orders, shop, "Orders", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        publish(
                identities.domainOwner(finance),
                revenue,
                Descriptors.product(
                        revenue,
                        finance,
                        "Revenue",
                        "1.0.0",
                        RegistrySteps.PURPOSE,
                        true,
                        List.of(orders + "-contract"),
                        null));

        // The nightly load, reported by the official OpenLineage client with the CI pipeline's token,
        // reads the raw orders table and writes the table the orders product's port is served by.
        String rawTable = "analytics.raw." + shop + "_orders";
        String ordersTable = "analytics." + shop.replace('-', '_') + "." + orders.replace('-', '_');
        String job = shop + ".load_orders";
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/tessera/e2e"));
        UUID run = UUID.randomUUID();
        try (OpenLineageClient client = Pipelines.throughGateway(stack, identities)) {
            for (OpenLineage.RunEvent.EventType type :
                    List.of(OpenLineage.RunEvent.EventType.START, OpenLineage.RunEvent.EventType.COMPLETE)) {
                client.emit(ol.newRunEventBuilder()
                        .eventType(type)
                        .eventTime(ZonedDateTime.now())
                        .run(ol.newRun(run, null))
                        .job(ol.newJob(WAREHOUSE, job, null))
                        .inputs(List.of(ol.newInputDatasetBuilder()
                                .namespace(WAREHOUSE)
                                .name(rawTable)
                                .build()))
                        .outputs(List.of(ol.newOutputDatasetBuilder()
                                .namespace(WAREHOUSE)
                                .name(ordersTable)
                                .build()))
                        .build());
            }
        }

        String raw = "DATASET:" + WAREHOUSE + "/" + rawTable;
        JsonNode impact = Awaitility.await("the impact of " + raw + " reaching " + revenue)
                .atMost(Duration.ofSeconds(90))
                .until(
                        () -> http.get(
                                        steps.api("/api/v1/lineage/impact?node="
                                                + URLEncoder.encode(raw, StandardCharsets.UTF_8)),
                                        identities.dataConsumer())
                                .expect(200)
                                .body(),
                        answer -> productIds(answer).containsAll(List.of(orders, revenue)));

        String port = "PORT:" + orders + "/" + orders + "-table";
        List<String> toTable = List.of(raw, "JOB:" + WAREHOUSE + "/" + job, "DATASET:" + WAREHOUSE + "/" + ordersTable);
        assertThat(productIds(impact)).containsExactly(orders, revenue);
        assertThat(impact.path("partial").asBoolean()).isFalse();

        JsonNode ordersEntry = impact.at("/products/0");
        assertThat(ordersEntry.path("link").asText()).isEqualTo("served-by-port");
        assertThat(texts(ordersEntry.path("owners"))).containsExactly(shop + "-lead");
        assertThat(ordersEntry.at("/domain/ownerGroup").asText()).isEqualTo("/domains/" + shop);
        assertThat(texts(ordersEntry.path("path"))).isEqualTo(concat(toTable, port, "PRODUCT:" + orders));

        JsonNode revenueEntry = impact.at("/products/1");
        assertThat(revenueEntry.path("link").asText()).isEqualTo("input-port");
        assertThat(texts(revenueEntry.path("owners"))).containsExactly(finance + "-lead");
        assertThat(revenueEntry.at("/domain/ownerGroup").asText()).isEqualTo("/domains/" + finance);
        assertThat(texts(revenueEntry.path("path"))).isEqualTo(concat(toTable, port, "PRODUCT:" + revenue));
        assertThat(texts(revenueEntry.path("links")))
                .containsExactly("openlineage", "openlineage", "served-by-port", "input-port");
    }

    private void publish(String owner, String id, String yaml) {
        steps.apply(owner, id, yaml);
        steps.requestPublish(owner, id, "1.0.0");
        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
    }

    private static List<String> productIds(JsonNode impact) {
        List<String> ids = new ArrayList<>();
        impact.path("products").forEach(p -> ids.add(p.path("productId").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What domain teams and consumers do with Tessera, across the running services: a breaking change
 * refused without a major version and accepted once announced, impact analysis over product ports and
 * OpenLineage run events, an access request approved by the owner, and another domain's write refused.
 */
@ExtendWith(SharedStack.class)
class DataProductJourneyE2ETest {

    private static final String PURPOSE =
            "Every order placed in the web shop, one row per order, for revenue reporting.";
    private static final String EMAIL_PROPERTY = "            - name: customer_email\n"
            + "              logicalType: string\n"
            + "              tags: [pii]\n"
            + "              classification: restricted\n";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void aBreakingChangeNeedsAMajorVersionAndAnAnnouncementToTheConsumersItAffects() {
        String shop = steps.newDomain("j");
        String finance = steps.newDomain("j");
        String owner = identities.domainOwner(shop);
        String orders = shop + "-orders";
        String revenue = finance + "-revenue";
        publish(owner, Descriptors.product(orders, shop, "Orders", "1.0.0", PURPOSE, true, List.of(), null), orders);
        publish(
                identities.domainOwner(finance),
                Descriptors.product(
                        revenue, finance, "Revenue", "1.0.0", PURPOSE, true, List.of(orders + "-contract"), null),
                revenue);
        awaitConsumerKnownToGovernance(orders, revenue);

        String dropsEmail = Descriptors.product(orders, shop, "Orders", "1.1.0", PURPOSE, true, List.of(), null)
                .replace(EMAIL_PROPERTY, "");
        PlatformClient.Reply refused =
                http.put(steps.api("/api/registry/v1/products/" + orders), owner, "application/yaml", dropsEmail);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("property-removed");

        String major = dropsEmail.replace("1.1.0", "2.0.0");
        http.put(steps.api("/api/registry/v1/products/" + orders), owner, "application/yaml", major)
                .expect(200, 201);
        steps.requestPublish(owner, orders, "2.0.0");
        JsonNode unannounced = steps.awaitDecision(orders, "2.0.0");
        assertThat(unannounced.path("status").asText()).isEqualTo("DRAFT");
        assertThat(unannounced.path("statusReasons").toString()).contains("breaking-change-announced");
        JsonNode evaluation = http.get(steps.api("/api/governance/v1/products/" + orders + "/evaluation"), owner)
                .expect(200)
                .body();
        assertThat(evaluation.toString())
                .as("the evidence names the affected consumer")
                .contains(revenue);

        String announced = keepOldPortUntil(major, orders, LocalDate.now().plusDays(60));
        http.put(steps.api("/api/registry/v1/products/" + orders), owner, "application/yaml", announced)
                .expect(200, 201);
        steps.requestPublish(owner, orders, "2.0.0");
        assertThat(steps.awaitDecision(orders, "2.0.0").path("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void impactAnalysisFollowsPortsAndOpenLineageRunsToTheDownstreamProducts() throws Exception {
        String shop = steps.newDomain("j");
        String finance = steps.newDomain("j");
        String customers = shop + "-customers";
        String orders = shop + "-orders";
        String revenue = finance + "-revenue";
        String ledger = finance + "-ledger";
        // Customers feeds orders: upstream of it, so never among the products an orders change affects.
        publish(
                identities.domainOwner(shop),
                Descriptors.product(customers, shop, "Customers", "1.0.0", PURPOSE, true, List.of(), null),
                customers);
        publish(
                identities.domainOwner(shop),
                Descriptors.product(
                        orders, shop, "Orders", "1.0.0", PURPOSE, true, List.of(customers + "-contract"), null),
                orders);
        publish(
                identities.domainOwner(finance),
                Descriptors.product(
                        revenue, finance, "Revenue", "1.0.0", PURPOSE, true, List.of(orders + "-contract"), null),
                revenue);
        publish(
                identities.domainOwner(finance),
                Descriptors.product(ledger, finance, "Ledger", "1.0.0", PURPOSE, true, List.of(), null),
                ledger);

        // Lineage knows the edge from customers to orders before the impact of orders is read.
        awaitConsumerKnownToGovernance(customers, orders);

        // An ETL job, reported by the official OpenLineage client through the gateway with the CI
        // pipeline's client-credentials token, reads the orders table and writes the ledger's.
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/tessera/e2e"));
        String warehouse = "postgres://warehouse.example.com:5432";
        UUID run = UUID.randomUUID();
        try (OpenLineageClient client = Pipelines.throughGateway(stack, identities)) {
            for (OpenLineage.RunEvent.EventType type :
                    List.of(OpenLineage.RunEvent.EventType.START, OpenLineage.RunEvent.EventType.COMPLETE)) {
                client.emit(ol.newRunEventBuilder()
                        .eventType(type)
                        .eventTime(ZonedDateTime.now())
                        .run(ol.newRun(run, null))
                        .job(ol.newJob("airflow", finance + ".load_ledger", null))
                        .inputs(List.of(ol.newInputDatasetBuilder()
                                .namespace(warehouse)
                                .name(table(shop, orders))
                                .build()))
                        .outputs(List.of(ol.newOutputDatasetBuilder()
                                .namespace(warehouse)
                                .name(table(finance, ledger))
                                .build()))
                        .build());
            }
        }

        List<String> affected = Awaitility.await("impact of " + orders)
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            JsonNode impact = http.get(
                                            steps.api("/api/v1/lineage/impact?node="
                                                    + URLEncoder.encode("PRODUCT:" + orders, StandardCharsets.UTF_8)),
                                            identities.platformAdmin())
                                    .body();
                            List<String> products = new ArrayList<>();
                            impact.path("consumers")
                                    .forEach(c ->
                                            products.add(c.path("productId").asText()));
                            return products;
                        },
                        products -> products.contains(revenue) && products.contains(ledger));
        assertThat(affected).doesNotContain(customers);
    }

    @Test
    void aConsumerRequestsAccessAndTheOwningDomainApproves() {
        String shop = steps.newDomain("j");
        String owner = identities.domainOwner(shop);
        String orders = shop + "-orders";
        publish(owner, Descriptors.product(orders, shop, "Orders", "1.0.0", PURPOSE, true, List.of(), null), orders);

        JsonNode request = http.postJson(
                        steps.api("/api/governance/v1/access-requests"),
                        identities.dataConsumer(),
                        Map.of(
                                "productId",
                                orders,
                                "portName",
                                orders + "-table",
                                "purpose",
                                "Quarterly revenue report for the board",
                                "requestedUntil",
                                ZonedDateTime.now().plusDays(30).toInstant().toString()))
                .expect(201)
                .body();
        assertThat(request.at("/request/status").asText()).isEqualTo("REQUESTED");

        JsonNode approved = http.postJson(
                        steps.api("/api/governance/v1/access-requests/"
                                + request.at("/request/requestId").asText() + "/decision"),
                        owner,
                        Map.of("status", "APPROVED", "reason", "fine for reporting"))
                .expect(200)
                .body();
        assertThat(approved.at("/request/status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void anOwnerOfAnotherDomainOrAConsumerCannotWriteThisDomainsProduct() {
        String shop = steps.newDomain("j");
        String other = steps.newDomain("j");
        String orders = shop + "-orders";
        publish(
                identities.domainOwner(shop),
                Descriptors.product(orders, shop, "Orders", "1.0.0", PURPOSE, true, List.of(), null),
                orders);

        PlatformClient.Reply refused = http.put(
                steps.api("/api/registry/v1/products/" + orders),
                identities.domainOwner(other),
                "application/yaml",
                Descriptors.product(orders, shop, "Hijacked", "1.1.0", PURPOSE, true, List.of(), null));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw()).contains("problem").doesNotContain("Hijacked");
        PlatformClient.Reply consumer = http.put(
                steps.api("/api/registry/v1/products/" + orders),
                identities.dataConsumer(),
                "application/yaml",
                Descriptors.product(orders, shop, "Hijacked", "1.1.0", PURPOSE, true, List.of(), null));
        assertThat(consumer.status()).isEqualTo(403);
        PlatformClient.Reply direct = http.put(
                stack.service(PlatformService.REGISTRY).uri("/api/registry/v1/products/" + orders),
                identities.domainOwner(other),
                "application/yaml",
                Descriptors.product(orders, shop, "Hijacked", "1.1.0", PURPOSE, true, List.of(), null));
        assertThat(direct.status())
                .as("the registry decides again when called directly")
                .isEqualTo(403);
        assertThat(http.get(steps.api("/api/registry/v1/products/" + orders), identities.platformAdmin())
                        .at("/name")
                        .asText())
                .isEqualTo("Orders");
    }

    /** The 2.0.0 descriptor with the 1.0.0 port kept beside the new one, marked with its sunset date. */
    private static String keepOldPortUntil(String major, String id, LocalDate sunset) {
        String v1 = Descriptors.product(id, "x", "x", "1.0.0", PURPOSE, true, List.of(), null);
        String oldPort = v1.substring(v1.indexOf("  - name: " + id + "-table"), v1.length())
                .replaceFirst(
                        "\n    version: 1.0.0\n",
                        "\n    version: 1.0.0\n    customProperties:\n      - property: sunsetDate\n        value: \""
                                + sunset + "\"\n");
        String schema = major.substring(major.indexOf("schema: ") + 8, major.indexOf('\n', major.indexOf("schema: ")));
        oldPort = oldPort.replaceAll("schema: x\\b", "schema: " + schema);
        // The new port version gets a contract of its own; the old one keeps the contract consumers read.
        return major.replace("id: " + id + "-contract\n", "id: " + id + "-contract-v2\n") + oldPort;
    }

    private static String table(String domain, String productId) {
        return "analytics." + domain.replace('-', '_') + "." + productId.replace('-', '_');
    }

    private void publish(String owner, String yaml, String id) {
        http.put(steps.api("/api/registry/v1/products/" + id), owner, "application/yaml", yaml)
                .expect(200, 201);
        steps.requestPublish(owner, id, "1.0.0");
        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
    }

    /**
     * Waits until lineage has derived the consumer from the input port; governance reads the same
     * tessera.lineage events.
     */
    private void awaitConsumerKnownToGovernance(String product, String consumer) {
        Awaitility.await(consumer + " known as a consumer of " + product)
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.get(
                                steps.api("/api/v1/lineage/impact?node="
                                        + URLEncoder.encode("PRODUCT:" + product, StandardCharsets.UTF_8)),
                                identities.platformAdmin())
                        .raw()
                        .contains(consumer));
    }
}

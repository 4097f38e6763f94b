package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quality as a pipeline, a consumer and an owner meet it through the gateway: a run reported by the
 * official OpenLineage client fails an assertion and the contract's row-count rule, the product turns
 * FAILING with both checks named, the consumer's webhook hears of it once, the catalog's filter finds
 * it, the domain's policy on quality keeps its next version from being published, and the next good
 * run turns it PASSING again.
 */
@ExtendWith(SharedStack.class)
class QualityE2ETest {

    private static final String STATUS_CHANGED = "dev.tessera.quality.status-changed.v1";
    private static final String WAREHOUSE = "postgres://warehouse.example.com:5432";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    private record Delivery(String type, String subject, JsonNode body) {}

    @Test
    void aFailingRunIsSeenBlocksPublicationAndTheNextGoodRunClearsIt() throws Exception {
        String domain = steps.newDomain("q");
        String owner = identities.domainOwner(domain);
        String consumer = identities.dataConsumer();
        String id = domain + "-orders";
        String table = "analytics." + domain.replace('-', '_') + "." + id.replace('-', '_');

        steps.apply(owner, id, orders(id, domain, "1.0.0"));
        steps.requestPublish(owner, id, "1.0.0");
        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
        http.post(steps.api("/api/governance/v1/policies/apply"), owner, "application/yaml", """
                        policies:
                          - id: %1$s-quality-holds
                            name: Products of %1$s are published only while their checks pass
                            scope: %1$s
                            severity: BLOCKING
                            expression: quality.status != 'FAILING'
                            remediation: Fix the failing checks, then ask again.
                        """.formatted(domain))
                .expect(200);

        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                deliveries.add(new Delivery(
                        exchange.getRequestHeaders().getFirst("ce-type"),
                        exchange.getRequestHeaders().getFirst("ce-subject"),
                        PlatformClient.JSON.readTree(exchange.getRequestBody().readAllBytes())));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            http.postJson(
                            steps.api("/api/catalog/v1/subscriptions"),
                            consumer,
                            Map.of(
                                    "targetUrl",
                                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                    "secret",
                                    "quality-subscriber-secret",
                                    "description",
                                    "Tell me when a product I consume fails its checks",
                                    "filter",
                                    Map.of("productIds", List.of(id), "eventTypes", List.of(STATUS_CHANGED))))
                    .expect(201);

            report(domain, table, 10, false);

            JsonNode failing = awaitQuality(id, "FAILING");
            List<JsonNode> failed = checks(failing, "FAIL");
            assertThat(failed)
                    .as("the failing assertion and the contract's row-count rule, each with what was seen")
                    .anySatisfy(check -> {
                        assertThat(check.path("source").asText()).isEqualTo("ASSERTION");
                        assertThat(check.toString()).contains("not_null");
                    })
                    .anySatisfy(check -> {
                        assertThat(check.path("source").asText()).isEqualTo("CONTRACT_RULE");
                        assertThat(check.path("observed").asText()).isEqualTo("10");
                        assertThat(check.path("operator").asText()).isEqualTo("mustBeGreaterThan");
                        assertThat(check.path("threshold").asText()).isEqualTo("1000");
                    });

            Delivery told = Awaitility.await("the subscriber told that " + id + " fails its checks")
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> deliveries.stream()
                                    .filter(d -> STATUS_CHANGED.equals(d.type()))
                                    .findFirst()
                                    .orElse(null),
                            d -> d != null);
            assertThat(told.subject()).isEqualTo(id);
            assertThat(told.body().path("status").asText()).isEqualTo("FAILING");

            Awaitility.await(id + " among the failing products in the catalog")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> http.get(
                                    steps.api("/api/catalog/v1/search?quality=failing&domain=" + domain), consumer)
                            .expect(200)
                            .at("/items")
                            .findValuesAsText("id")
                            .contains(id));

            steps.apply(owner, id, orders(id, domain, "1.1.0"));
            String policy = domain + "-quality-holds";
            AtomicReference<JsonNode> evaluation = new AtomicReference<>();
            JsonNode holds;
            try {
                holds = Awaitility.await("the domain's quality policy failing for " + id)
                        .atMost(Duration.ofSeconds(60))
                        .until(
                                () -> {
                                    evaluation.set(http.get(
                                                    steps.api("/api/governance/v1/products/" + id + "/evaluation"),
                                                    owner)
                                            .body());
                                    return outcome(evaluation.get(), policy);
                                },
                                o -> "FAIL".equals(o.path("outcome").asText()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the last evaluation of " + id + ": " + evaluation.get(), e);
            }
            assertThat(holds.path("severity").asText()).isEqualTo("BLOCKING");
            steps.requestPublish(owner, id, "1.1.0");
            JsonNode refused = steps.awaitDecision(id, "1.1.0");
            assertThat(refused.path("status").asText()).isEqualTo("DRAFT");
            assertThat(refused.path("statusReasons").toString()).contains(domain + "-quality-holds");

            report(domain, table, 5000, true);

            JsonNode passing = awaitQuality(id, "PASSING");
            assertThat(checks(passing, "FAIL")).isEmpty();
            Awaitility.await("the subscriber told that " + id + " passes again")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> deliveries.stream().anyMatch(d -> "PASSING"
                            .equals(d.body().path("status").asText())));
            assertThat(deliveries)
                    .as("one event per change, not one per failing check")
                    .hasSize(2);
            steps.requestPublish(owner, id, "1.1.0");
            assertThat(steps.awaitDecision(id, "1.1.0").path("status").asText()).isEqualTo("PUBLISHED");
        } finally {
            receiver.stop(0);
        }
    }

    /** The orders product with a contract asking for more than 1,000 rows, at most a day old. */
    private static String orders(String id, String domain, String version) {
        return Descriptors.withQuality(
                Descriptors.product(id, domain, "Orders", version, RegistrySteps.PURPOSE, true, List.of(), null),
                1000,
                1,
                "d");
    }

    /**
     * A load job's run, as a pipeline reports it with the official OpenLineage client and the CI
     * pipeline's client-credentials token: it writes the orders table, counts the rows it wrote and
     * checks that no order lacks its id.
     */
    private void report(String domain, String table, long rows, boolean idsPresent) throws Exception {
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/tessera/e2e"));
        OpenLineage.DefaultOutputDatasetFacet assertions =
                new OpenLineage.DefaultOutputDatasetFacet(URI.create("https://github.com/tessera/e2e"));
        assertions
                .getAdditionalProperties()
                .put("assertions", List.of(Map.of("assertion", "not_null", "column", "id", "success", idsPresent)));
        UUID run = UUID.randomUUID();
        try (OpenLineageClient client = Pipelines.throughGateway(stack, identities)) {
            for (OpenLineage.RunEvent.EventType type :
                    List.of(OpenLineage.RunEvent.EventType.START, OpenLineage.RunEvent.EventType.COMPLETE)) {
                OpenLineage.OutputDatasetBuilder output =
                        ol.newOutputDatasetBuilder().namespace(WAREHOUSE).name(table);
                if (type == OpenLineage.RunEvent.EventType.COMPLETE) {
                    output.outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
                            .outputStatistics(ol.newOutputStatisticsOutputDatasetFacet(rows, null, null))
                            .put("dataQualityAssertions", assertions)
                            .build());
                }
                client.emit(ol.newRunEventBuilder()
                        .eventType(type)
                        .eventTime(ZonedDateTime.now())
                        .run(ol.newRun(run, null))
                        .job(ol.newJob("airflow", domain + ".load_orders", null))
                        .inputs(List.of())
                        .outputs(List.of(output.build()))
                        .build());
            }
        }
    }

    private JsonNode awaitQuality(String id, String status) {
        return Awaitility.await(id + " " + status)
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> http.get(
                                        steps.api("/api/governance/v1/products/" + id + "/quality"),
                                        identities.dataConsumer())
                                .body(),
                        quality -> status.equals(quality.path("status").asText()));
    }

    /** A policy's outcome in an evaluation; a missing node while it is not there. */
    private static JsonNode outcome(JsonNode evaluation, String policyId) {
        for (JsonNode outcome : evaluation.path("outcomes")) {
            if (policyId.equals(outcome.path("policyId").asText())) {
                return outcome;
            }
        }
        return evaluation.path("outcomes").path(policyId);
    }

    /** Every check of every port with the given outcome. */
    private static List<JsonNode> checks(JsonNode quality, String outcome) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode port : quality.path("ports")) {
            for (JsonNode check : port.path("checks")) {
                if (outcome.equals(check.path("outcome").asText())) {
                    found.add(check);
                }
            }
        }
        return found;
    }
}

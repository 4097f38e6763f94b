package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Usage as an owner, a consumer and an officer meet it through the gateway. Two pipelines read the
 * orders product's table, reporting their runs with the official OpenLineage client: one belongs
 * to a product that holds an ACTIVE grant on orders, the other to nothing Tessera knows. Usage lists
 * both with their runs (each counted once, however many events name it), the second as a shadow
 * consumer; governance's shadow-consumer policy fails with that job as evidence, and the officer's
 * usage report shows it. A consumer sees how much the product is used, not by whom.
 */
@ExtendWith(SharedStack.class)
class UsageE2ETest {

    private static final String WAREHOUSE = "postgres://warehouse.example.com:5432";
    private static final String SHADOW_POLICY = "no-shadow-consumers";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void aGrantedPipelineAndAShadowPipelineAreBothSeenAndOnlyTheShadowOneIsAFinding() throws Exception {
        String shop = steps.newDomain("u");
        String finance = steps.newDomain("u");
        String shopOwner = identities.domainOwner(shop);
        String financeOwner = identities.domainOwner(finance);
        String orders = shop + "-orders";
        String revenue = finance + "-revenue";
        publish(shopOwner, orders, shop);
        publish(financeOwner, revenue, finance);

        // The finance team asks for the orders table for its revenue product; the shop approves and
        // the provisioner reports the grant ACTIVE.
        JsonNode request = http.postJson(
                        steps.api("/api/governance/v1/access-requests"),
                        financeOwner,
                        Map.of(
                                "productId",
                                orders,
                                "portName",
                                orders + "-table",
                                "purpose",
                                "Monthly revenue from every order placed",
                                "requestedUntil",
                                ZonedDateTime.now().plusDays(90).toInstant().toString(),
                                "consumingProductId",
                                revenue))
                .expect(201)
                .body();
        String requestId = request.at("/request/requestId").asText();
        http.postJson(
                        steps.api("/api/governance/v1/access-requests/" + requestId + "/decision"),
                        shopOwner,
                        Map.of("status", "APPROVED", "reason", "revenue reporting is what the table is for"))
                .expect(200);
        http.postJson(
                        steps.api("/api/governance/v1/access-requests/" + requestId + "/provisioning"),
                        identities.platformAdmin(),
                        Map.of("status", "ACTIVE"))
                .expect(200);

        String ordersTable = table(shop, orders);
        String revenueJob = finance + ".build_revenue";
        String shadowJob = "adhoc." + shop + "_copy_orders";
        awaitGranted(shopOwner, orders, revenue);

        // The revenue pipeline: two runs, each reported as START and COMPLETE, the second COMPLETE
        // sent twice (a retry): two runs. The copy job: three runs into a table no product serves.
        for (int run = 0; run < 2; run++) {
            UUID id = UUID.randomUUID();
            report(id, revenueJob, ordersTable, table(finance, revenue), OpenLineage.RunEvent.EventType.START);
            report(id, revenueJob, ordersTable, table(finance, revenue), OpenLineage.RunEvent.EventType.COMPLETE);
            if (run == 1) {
                report(id, revenueJob, ordersTable, table(finance, revenue), OpenLineage.RunEvent.EventType.COMPLETE);
            }
        }
        for (int run = 0; run < 3; run++) {
            UUID id = UUID.randomUUID();
            report(id, shadowJob, ordersTable, "scratch.public.orders_copy", OpenLineage.RunEvent.EventType.COMPLETE);
        }

        JsonNode usage =
                awaitUsage(shopOwner, orders, u -> reads(u, revenue, null) == 2 && reads(u, null, shadowJob) == 3);
        JsonNode granted = consumer(usage, revenue, null);
        assertThat(texts(granted.path("kinds")))
                .as("the revenue product is both granted and observed: %s", granted)
                .containsExactlyInAnyOrder("GRANTED", "OBSERVED");
        assertThat(granted.path("shadow").asBoolean()).isFalse();
        assertThat(granted.path("domainId").asText()).isEqualTo(finance);
        JsonNode shadow = consumer(usage, null, shadowJob);
        assertThat(texts(shadow.path("kinds"))).containsExactly("OBSERVED");
        assertThat(shadow.path("shadow").asBoolean()).isTrue();
        assertThat(usage.path("shadowConsumers").toString()).contains(shadowJob);
        assertThat(usage.at("/totals/reads").asLong()).isEqualTo(5);
        assertThat(usage.at("/totals/consumers/shadow").asInt()).isEqualTo(1);

        // A consumer sees how much, not who.
        JsonNode seenByConsumer = http.get(
                        steps.api("/api/lineage/v1/products/" + orders + "/usage?days=30"), identities.dataConsumer())
                .expect(200)
                .body();
        assertThat(seenByConsumer.at("/totals/reads").asLong()).isEqualTo(5);
        assertThat(seenByConsumer.path("consumersShown").asBoolean()).isFalse();
        assertThat(seenByConsumer.has("consumers")).isFalse();
        assertThat(seenByConsumer.toString()).doesNotContain(shadowJob);

        // Governance: the shadow-consumer policy fails for orders, naming the job.
        AtomicReference<JsonNode> evaluation = new AtomicReference<>();
        JsonNode finding;
        try {
            finding = Awaitility.await("the shadow-consumer policy failing for " + orders)
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                evaluation.set(http.get(
                                                steps.api("/api/governance/v1/products/" + orders + "/evaluation"),
                                                shopOwner)
                                        .body());
                                return outcome(evaluation.get(), SHADOW_POLICY);
                            },
                            o -> "FAIL".equals(o.path("outcome").asText()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the last evaluation of " + orders + ": " + evaluation.get(), e);
        }
        assertThat(finding.path("evidence").toString()).contains(shadowJob).doesNotContain(revenueJob);
        assertThat(finding.path("severity").asText()).isNotEqualTo("BLOCKING");

        // The officer's report lists the shadow consumer under the shop's domain.
        JsonNode report = Awaitility.await("the officer's usage report naming " + shadowJob)
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> http.get(
                                        steps.api("/api/governance/v1/reports/usage?domain=" + shop),
                                        identities.governanceOfficer())
                                .expect(200)
                                .body(),
                        r -> r.toString().contains(shadowJob));
        assertThat(report.toString()).contains(orders).doesNotContain(revenueJob);
        assertThat(http.get(steps.api("/api/governance/v1/reports/usage?domain=" + shop), identities.dataConsumer())
                        .status())
                .isEqualTo(403);
    }

    private void publish(String owner, String id, String domain) {
        steps.apply(
                owner, id, Descriptors.product(id, domain, id, "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        steps.requestPublish(owner, id, "1.0.0");
        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
    }

    /** The dataset name of a product's table, as its contract's postgres server names it. */
    private static String table(String domain, String id) {
        return "analytics." + domain.replace('-', '_') + "." + id.replace('-', '_');
    }

    /** One run event of a job reading {@code input} and writing {@code output}, with the CI token. */
    private void report(UUID run, String job, String input, String output, OpenLineage.RunEvent.EventType type)
            throws Exception {
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/tessera/e2e"));
        try (OpenLineageClient client = Pipelines.throughGateway(stack, identities)) {
            client.emit(ol.newRunEventBuilder()
                    .eventType(type)
                    .eventTime(ZonedDateTime.now())
                    .run(ol.newRun(run, null))
                    .job(ol.newJob("airflow", job, null))
                    .inputs(List.of(ol.newInputDatasetBuilder()
                            .namespace(WAREHOUSE)
                            .name(input)
                            .build()))
                    .outputs(List.of(ol.newOutputDatasetBuilder()
                            .namespace(
                                    output.startsWith("scratch.") ? "postgres://scratch.example.com:5432" : WAREHOUSE)
                            .name(output)
                            .build()))
                    .build());
        }
    }

    private void awaitGranted(String owner, String product, String consumer) {
        awaitUsage(owner, product, u -> {
            JsonNode c = consumer(u, consumer, null);
            return c != null && texts(c.path("kinds")).contains("GRANTED");
        });
    }

    private JsonNode awaitUsage(String caller, String product, java.util.function.Predicate<JsonNode> until) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return Awaitility.await("usage of " + product)
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                last.set(http.get(
                                                steps.api("/api/lineage/v1/products/" + product + "/usage?days=30"),
                                                caller)
                                        .expect(200)
                                        .body());
                                return last.get();
                            },
                            until);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the last usage of " + product + ": " + last.get(), e);
        }
    }

    /** The consumer that is the given product, or that has the given job; null when absent. */
    private static JsonNode consumer(JsonNode usage, String productId, String job) {
        for (JsonNode c : usage.path("consumers")) {
            if (productId != null && productId.equals(c.path("productId").asText())) {
                return c;
            }
            if (job != null) {
                for (JsonNode j : c.path("jobs")) {
                    if (j.path("job").asText().endsWith(job)) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    private static long reads(JsonNode usage, String productId, String job) {
        JsonNode c = consumer(usage, productId, job);
        return c == null ? -1 : c.path("reads").asLong();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
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
}

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands an owner and a consumer use after a product is published, run as processes against the real stack and
 * Keycloak: {@code status} (lifecycle, score, quality, usage), {@code lineage impact} (who depends on a node) and
 * {@code access} (request, list, approve, reject). Each asserts what a person or a script reads: the lines, the JSON and
 * the exit code.
 */
@ExtendWith(SharedStack.class)
class CommandLineOwnersAndConsumersE2ETest {

    private static final String WAREHOUSE = "postgres://warehouse.example.com:5432";
    private static final Duration PLATFORM_DELAY = Duration.ofSeconds(90);

    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);
    private final PlatformClient http = new PlatformClient();

    @TempDir
    Path dir;

    @Test
    void statusShowsTheLifecycleScoreQualityAndUsageOfAProduct() throws Exception {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        String id = domain + "-orders";
        TesseraCommandLine tessera = new TesseraCommandLine(stack, dir);
        publish(tessera, owner, id, domain, List.of());

        // A failed check from a tool that pushes results, and one pipeline run reading the product's table.
        http.postJson(
                        steps.api("/api/governance/v1/products/" + id + "/ports/" + id + "-table/quality/results"),
                        owner,
                        Map.of(
                                "tool",
                                "nightly-checks",
                                "results",
                                List.of(Map.of(
                                        "check",
                                        "orders-loaded",
                                        "success",
                                        false,
                                        "observedAt",
                                        Instant.now().toString()))))
                .expect(200);
        readTable(domain + ".copy_orders", "analytics." + domain.replace('-', '_') + "." + id.replace('-', '_'));

        JsonNode report = awaitJson(
                "the status of " + id + " with its failed check and its read",
                () -> tessera.as(owner, "status", id, "-o", "json"),
                json -> "FAILING".equals(json.at("/quality/status").asText())
                        && json.at("/usage/totals/reads").asLong() == 1
                        && json.at("/evaluation/score").isNumber());
        assertThat(report.path("productId").asText()).isEqualTo(id);
        assertThat(report.path("domain").asText()).isEqualTo(domain);
        assertThat(report.path("latestPublishedVersion").asText()).isEqualTo("1.0.0");
        assertThat(report.at("/lifecycle/0/version").asText()).isEqualTo("1.0.0");
        assertThat(report.at("/lifecycle/0/status").asText()).isEqualTo("PUBLISHED");
        assertThat(report.at("/evaluation/version").asText()).isEqualTo("1.0.0");
        assertThat(report.at("/usage/totals/consumers/total").asInt()).isEqualTo(1);

        TesseraCommandLine.Result text = tessera.as(owner, "status", id);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.lines())
                .contains(
                        id + " (domain " + domain + ")",
                        "  1.0.0  PUBLISHED",
                        "quality FAILING",
                        "usage 1 consumer(s), 1 read(s) in 30 days")
                .anyMatch(line -> line.startsWith(
                                "score " + report.at("/evaluation/score").asText() + " ("
                                        + report.at("/evaluation/rating").asText() + "), ")
                        && line.endsWith(" blocking failure(s), version 1.0.0"));

        TesseraCommandLine.Result unknown = tessera.as(owner, "status", domain + "-nothing");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr().lines().toList())
                .singleElement()
                .asString()
                .startsWith("tessera: reading product " + domain + "-nothing: 404");
    }

    @Test
    void lineageImpactNamesTheProductsDownstreamAndAnUnknownNodeExitsOne() throws Exception {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        String orders = domain + "-orders";
        String revenue = domain + "-revenue";
        TesseraCommandLine tessera = new TesseraCommandLine(stack, dir);
        publish(tessera, owner, orders, domain, List.of());
        publish(tessera, owner, revenue, domain, List.of(orders + "-contract"));
        String consumer = identities.dataConsumer();

        JsonNode impact = awaitJson(
                "lineage naming " + revenue + " downstream of " + orders,
                () -> tessera.as(consumer, "lineage", "impact", "PRODUCT:" + orders, "-o", "json"),
                json -> json.toString().contains("\"" + revenue + "\""));
        assertThat(impact.at("/root/key").asText()).isEqualTo("PRODUCT:" + orders);

        TesseraCommandLine.Result text = tessera.as(consumer, "lineage", "impact", "product:" + orders);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.lines().getFirst())
                .isEqualTo(impact.path("total").asInt() + " downstream node(s), "
                        + impact.path("productTotal").asInt() + " product(s)");
        assertThat(text.lines())
                .contains("  " + revenue + "  domain " + domain + "  via input-port  owners " + domain + "-lead")
                .contains("  node PRODUCT:" + revenue);

        String missing = "PRODUCT:" + domain + "-nothing";
        TesseraCommandLine.Result unknown = tessera.as(consumer, "lineage", "impact", missing);
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr().lines().toList())
                .singleElement()
                .asString()
                .startsWith("tessera: reading the impact of " + missing + ": 404")
                .contains("No lineage node " + missing);
    }

    @Test
    void aConsumerRequestsAccessTheOwnerApprovesOneAndRejectsAnotherWithAReason() throws Exception {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        String orders = domain + "-orders";
        String port = orders + "-table";
        TesseraCommandLine tessera = new TesseraCommandLine(stack, dir);
        publish(tessera, owner, orders, domain, List.of());
        String consumer = identities.dataConsumer();

        TesseraCommandLine.Result requested =
                tessera.as(consumer, "access", "request", orders, port, "--purpose", "Quarterly revenue for the board");
        assertThat(requested.exitCode()).as(requested.toString()).isZero();
        assertThat(requested.lines()).singleElement().asString().contains("  REQUESTED  " + orders + "/" + port);
        String first = requested.lines().getFirst().split(" ")[0];

        TesseraCommandLine.Result selfApproved = tessera.as(consumer, "access", "approve", first);
        assertThat(selfApproved.exitCode()).as(selfApproved.toString()).isEqualTo(1);
        assertThat(selfApproved.stderr().lines().toList())
                .singleElement()
                .asString()
                .startsWith("tessera: approved request " + first + ": 403 forbidden");

        assertThat(tessera.as(owner, "access", "list", "--status", "requested").lines())
                .singleElement()
                .asString()
                .startsWith(first + "  REQUESTED  " + orders + "/" + port + "  by ");
        TesseraCommandLine.Result approved = tessera.as(owner, "access", "approve", first);
        assertThat(approved.exitCode()).as(approved.toString()).isZero();
        assertThat(approved.stdout()).startsWith(first + "  APPROVED  ");

        // The warehouse's provisioner grants the access and reports it.
        http.postJson(
                        steps.api("/api/governance/v1/access-requests/" + first + "/provisioning"),
                        identities.platformAdmin(),
                        Map.of("status", "ACTIVE"))
                .expect(200);
        TesseraCommandLine.Result active = tessera.as(owner, "access", "list", "--status", "ACTIVE");
        assertThat(active.exitCode()).as(active.toString()).isZero();
        assertThat(active.lines()).singleElement().asString().startsWith(first + "  ACTIVE  " + orders + "/" + port);

        JsonNode second = PlatformClient.JSON.readTree(tessera.as(
                        consumer,
                        "access",
                        "request",
                        orders,
                        port,
                        "--purpose",
                        "A copy of every order for a side project",
                        "--until",
                        Instant.now().plus(Duration.ofDays(7)).toString(),
                        "-o",
                        "json")
                .stdout());
        String secondId = second.at("/request/requestId").asText();
        assertThat(second.at("/request/status").asText()).isEqualTo("REQUESTED");

        TesseraCommandLine.Result withoutReason = tessera.as(owner, "access", "reject", secondId);
        assertThat(withoutReason.exitCode()).as(withoutReason.toString()).isEqualTo(2);
        assertThat(withoutReason.stderr()).contains("--reason").contains("tessera access reject --help");
        String reason = "Side projects read the published sample instead";
        TesseraCommandLine.Result rejected = tessera.as(owner, "access", "reject", secondId, "--reason", reason);
        assertThat(rejected.exitCode()).as(rejected.toString()).isZero();
        assertThat(rejected.stdout()).startsWith(secondId + "  REJECTED  ").contains("reason: " + reason);

        JsonNode listed = PlatformClient.JSON.readTree(
                tessera.as(owner, "access", "list", "-o", "json").stdout());
        List<String> statuses = new ArrayList<>();
        listed.path("items")
                .forEach(item -> statuses.add(item.at("/request/status").asText()));
        assertThat(statuses).containsExactlyInAnyOrder("ACTIVE", "REJECTED");
    }

    /** Applies a product with the command line and publishes it, waiting for governance's decision. */
    private void publish(TesseraCommandLine tessera, String owner, String id, String domain, List<String> inputs)
            throws IOException {
        Path file = Files.writeString(
                dir.resolve(id + ".odps.yaml"),
                Descriptors.product(id, domain, id, "1.0.0", RegistrySteps.PURPOSE, true, inputs, null));
        TesseraCommandLine.Result applied = tessera.as(owner, "apply", file.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        TesseraCommandLine.Result published = tessera.as(owner, "publish", id, "1.0.0", "--wait");
        assertThat(published.stdout()).as(published.toString()).contains("is PUBLISHED");
    }

    /**
     * Runs a command until its JSON answer meets {@code until}, for state the platform reaches asynchronously; fails
     * with the last answer.
     */
    private static JsonNode awaitJson(
            String what,
            java.util.function.Supplier<TesseraCommandLine.Result> command,
            java.util.function.Predicate<JsonNode> until) {
        AtomicReference<TesseraCommandLine.Result> last = new AtomicReference<>();
        try {
            return Awaitility.await(what)
                    .atMost(PLATFORM_DELAY)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> {
                                last.set(command.get());
                                return last.get().exitCode() == 0
                                        ? PlatformClient.JSON.readTree(
                                                last.get().stdout())
                                        : PlatformClient.JSON.missingNode();
                            },
                            until);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the last answer: " + last.get(), e);
        }
    }

    /** One completed run of a pipeline reading {@code table}, reported with the CI client's token. */
    private void readTable(String job, String table) {
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/tessera/e2e"));
        try (OpenLineageClient client = Pipelines.throughGateway(stack, identities)) {
            client.emit(ol.newRunEventBuilder()
                    .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                    .eventTime(ZonedDateTime.now())
                    .run(ol.newRun(UUID.randomUUID(), null))
                    .job(ol.newJob("airflow", job, null))
                    .inputs(List.of(ol.newInputDatasetBuilder()
                            .namespace(WAREHOUSE)
                            .name(table)
                            .build()))
                    .outputs(List.of(ol.newOutputDatasetBuilder()
                            .namespace("postgres://scratch.example.com:5432")
                            .name("scratch.public.orders_copy")
                            .build()))
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("could not report the run of " + job, e);
        }
    }
}

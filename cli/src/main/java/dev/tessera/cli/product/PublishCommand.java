package dev.tessera.cli.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.cli.CliException;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.ApiResponse;
import dev.tessera.cli.http.Clients;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tessera publish ID VERSION}: asks for publication (DRAFT to PENDING_APPROVAL); governance then evaluates the
 * version and publishes it or sends it back to DRAFT. With {@code --wait} the command stays until that decision and,
 * on a rejection, lists the failing policies with their remediation.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Ask governance to publish a draft version. With --wait, wait for the decision:",
            "exit 0 when PUBLISHED, exit 3 when rejected (failing policies and how to fix them are listed)."
        })
public final class PublishCommand implements Callable<Integer> {

    private static final String PENDING = "PENDING_APPROVAL";

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "ID", description = "The product.")
    String id;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The draft version to publish.")
    String version;

    @Option(names = "--wait", description = "Wait for governance's decision.")
    boolean await;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "How long --wait waits (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    /** A policy that failed, and what to do about it. */
    record FailingPolicy(
            String policyId, String name, String severity, String outcome, String message, String remediation) {}

    /** The JSON answer. */
    record Report(String productId, String version, String status, List<String> reasons, List<FailingPolicy> failing) {}

    @Override
    public Integer call() throws IOException {
        Output output = common.output();
        Api api = Clients.api(common);
        String path = "/api/registry/v1/products/" + Api.encode(id) + "/versions/" + Api.encode(version);
        ObjectNode transition = Output.JSON.createObjectNode().put("to", PENDING);
        ApiResponse asked = api.postJson(path + "/transitions", transition);
        if (!asked.ok()) {
            if (asked.status() == 401 || asked.status() == 404 || asked.status() >= 500) {
                asked.orFail("asking to publish " + id + " " + version);
            }
            throw new CliException(
                    "publication of " + id + " " + version + " refused: " + asked.describeProblem(),
                    ExitCodes.FINDINGS);
        }
        String status = asked.body()
                .path("version")
                .path("status")
                .asText(asked.body().path("status").asText(PENDING));
        output.progress(id + " " + version + " is " + status + "; governance decides");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(timeoutSeconds));
        JsonNode current = asked.body();
        while (await && status.equals(PENDING)) {
            if (Instant.now().isAfter(deadline)) {
                throw new CliException("no decision on " + id + " " + version + " within " + timeoutSeconds
                        + " s; it stays " + PENDING + " (check 'tessera status " + id + "')");
            }
            pause();
            current = api.get(path).orFail("reading " + id + " " + version).body();
            status = current.path("version").path("status").asText(PENDING);
        }
        List<String> reasons = new ArrayList<>();
        current.path("version").path("statusReasons").forEach(r -> reasons.add(r.asText()));
        List<FailingPolicy> failing = status.equals("DRAFT") ? failingPolicies(api) : List.of();
        Report report = new Report(id, version, status, reasons, failing);
        print(output, report);
        return status.equals("DRAFT") && await ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private void print(Output output, Report report) {
        switch (report.status()) {
            case "PUBLISHED" -> output.line(id + " " + version + " is PUBLISHED");
            case PENDING ->
                output.line(id + " " + version + " is " + PENDING + ": governance decides"
                        + (await ? "" : " (add --wait to wait for it)"));
            case "DRAFT" -> output.line(id + " " + version + " was REJECTED and is a DRAFT again");
            default -> output.line(id + " " + version + " is " + report.status());
        }
        report.reasons().forEach(reason -> output.line("  reason: " + reason));
        for (FailingPolicy policy : report.failing()) {
            output.line("  " + policy.outcome() + " " + policy.severity() + " " + policy.policyId() + " ("
                    + policy.name() + "): " + policy.message());
            if (policy.remediation() != null && !policy.remediation().isBlank()) {
                output.line("      fix: " + policy.remediation());
            }
        }
        output.document(report);
    }

    private List<FailingPolicy> failingPolicies(Api api) throws IOException {
        ApiResponse evaluation = api.get("/api/governance/v1/products/" + Api.encode(id) + "/evaluation");
        List<FailingPolicy> failing = new ArrayList<>();
        if (!evaluation.ok()) {
            return failing;
        }
        for (JsonNode outcome : evaluation.body().path("outcomes")) {
            String result = outcome.path("outcome").asText();
            if (result.equals("FAIL") || result.equals("ERROR")) {
                failing.add(new FailingPolicy(
                        outcome.path("policyId").asText(),
                        outcome.path("name").asText(),
                        outcome.path("severity").asText(),
                        result,
                        outcome.path("message").asText(""),
                        outcome.path("remediation").asText(null)));
            }
        }
        return failing;
    }

    /**
     * Waits between polls of governance's decision with {@code --wait}. The decision arrives over Kafka on
     * the server side; a command line has only the HTTP API to ask, so it asks once a second until the
     * version leaves PENDING_APPROVAL or the caller's timeout passes.
     */
    private static void pause() throws IOException {
        try {
            Thread.sleep(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

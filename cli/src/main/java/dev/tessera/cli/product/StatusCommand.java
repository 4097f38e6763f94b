package dev.tessera.cli.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.ApiResponse;
import dev.tessera.cli.http.Clients;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tessera status ID}: a product's versions and lifecycle, governance score, quality and usage in one view. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "A product's lifecycle, governance score, quality and usage.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ID", description = "The product.")
    String id;

    @Override
    public Integer call() throws IOException {
        Output output = common.output();
        Api api = Clients.api(common);
        String product = Api.encode(id);
        JsonNode registry = api.get("/api/registry/v1/products/" + product)
                .orFail("reading product " + id)
                .body();
        ObjectNode report = Output.JSON.createObjectNode();
        report.put("productId", id);
        report.set("lifecycle", registry.path("versions"));
        report.put("domain", registry.path("domain").asText(null));
        report.put(
                "latestPublishedVersion",
                registry.path("latestPublishedVersion").asText(null));
        ApiResponse evaluation = api.get("/api/governance/v1/products/" + product + "/evaluation");
        ApiResponse quality = api.get("/api/governance/v1/products/" + product + "/quality");
        ApiResponse usage = api.get("/api/lineage/v1/products/" + product + "/usage");
        report.set("evaluation", evaluation.ok() ? evaluation.body() : null);
        report.set("quality", quality.ok() ? quality.body() : null);
        report.set("usage", usage.ok() ? usage.body() : null);

        output.line(id + " (domain " + registry.path("domain").asText("?") + ")");
        for (JsonNode version : registry.path("versions")) {
            output.line("  " + version.path("version").asText() + "  "
                    + version.path("status").asText()
                    + (version.has("sunsetDate")
                            ? "  sunset " + version.path("sunsetDate").asText()
                            : ""));
        }
        output.line(
                evaluation.ok()
                        ? "score " + evaluation.body().path("score").asText() + " ("
                                + evaluation.body().path("rating").asText()
                                + "), "
                                + evaluation.body().path("blockingFailures").asInt() + " blocking failure(s), version "
                                + evaluation.body().path("version").asText()
                        : "score: none yet (" + evaluation.status() + ")");
        output.line(
                quality.ok()
                        ? "quality "
                                + quality.body()
                                        .path("status")
                                        .asText(quality.body().path("overall").asText("reported"))
                        : "quality: none reported (" + quality.status() + ")");
        output.line(
                usage.ok()
                        ? "usage "
                                + usage.body()
                                        .path("totals")
                                        .path("consumers")
                                        .path("total")
                                        .asInt() + " consumer(s), "
                                + usage.body().path("totals").path("reads").asLong() + " read(s) in "
                                + usage.body().path("days").asInt() + " days"
                        : "usage: unavailable (" + usage.status() + ")");
        output.document(report);
        return ExitCodes.OK;
    }
}

package dev.tessera.cli.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.Clients;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera lineage ...}: questions to the lineage graph. */
@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description = "Ask the lineage graph.",
        subcommands = LineageCommand.Impact.class)
public final class LineageCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: impact");
    }

    /** {@code tessera lineage impact NODE}: everything downstream of a node, and the products and owners it reaches. */
    @Command(
            name = "impact",
            mixinStandardHelpOptions = true,
            description = "What depends on NODE (a product, port, dataset or job), and whom to tell.")
    static final class Impact implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Parameters(
                paramLabel = "NODE",
                description = "The node as TYPE:id, e.g. PRODUCT:retail-orders or"
                        + " DATASET:postgres://db:5432/shop.public.orders.")
        String node;

        @Option(
                names = "--depth",
                paramLabel = "N",
                description = "How many hops downstream (the service's default when left out).")
        Integer depth;

        @Override
        public Integer call() throws IOException {
            Output output = common.output();
            JsonNode impact = Clients.api(common)
                    .get("/api/lineage/v1/impact?node=" + Api.encode(node) + (depth == null ? "" : "&depth=" + depth))
                    .orFail("reading the impact of " + node)
                    .body();
            output.line(impact.path("total").asInt() + " downstream node(s), "
                    + impact.path("productTotal").asInt() + " product(s)"
                    + (impact.path("partial").asBoolean()
                            ? " (partial: " + impact.path("reason").asText() + ")"
                            : ""));
            for (JsonNode product : impact.path("products")) {
                StringBuilder owners = new StringBuilder();
                product.path("owners").forEach(o -> owners.append(owners.isEmpty() ? "" : ", ")
                        .append(o.asText()));
                output.line("  " + product.path("productId").asText() + "  domain "
                        + product.path("domain").path("id").asText("?") + "  via "
                        + product.path("link").asText("")
                        + (owners.isEmpty() ? "" : "  owners " + owners));
            }
            // By key (TYPE:id), the form this command takes, so a line can be asked about in turn.
            for (JsonNode consumer : impact.path("consumers")) {
                output.line("  node " + consumer.path("node").path("key").asText());
            }
            output.document(impact);
            return ExitCodes.OK;
        }
    }
}

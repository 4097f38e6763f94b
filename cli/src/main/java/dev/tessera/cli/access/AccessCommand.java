package dev.tessera.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.ApiResponse;
import dev.tessera.cli.http.Clients;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera access ...}: requests for access to an output port, and their decisions. */
@Command(
        name = "access",
        mixinStandardHelpOptions = true,
        description = "Request access to an output port; list, approve or reject requests.",
        subcommands = {
            AccessCommand.Request.class,
            AccessCommand.ListRequests.class,
            AccessCommand.Approve.class,
            AccessCommand.Reject.class
        })
public final class AccessCommand implements Runnable {

    static final String PATH = "/api/governance/v1/access-requests";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "name a subcommand: request, list, approve or reject");
    }

    /** How long access lasts when the request does not say: long enough for a quarter's work, then asked again. */
    static final Duration DEFAULT_TERM = Duration.ofDays(90);

    /**
     * One request as a line: id, status, product/port, who asked, and the reason of the latest step when it has one (a
     * rejection's). Governance answers {@code {"request": {...}, "namedApprovers": [...]}}.
     */
    static void print(Output output, JsonNode answer) {
        JsonNode request = answer.path("request");
        JsonNode history = request.path("history");
        String reason = history.isEmpty()
                ? ""
                : history.get(history.size() - 1).path("reason").asText("");
        output.line(request.path("requestId").asText() + "  "
                + request.path("status").asText() + "  "
                + request.path("productId").asText() + "/"
                + request.path("portName").asText() + "  by "
                + request.path("consumer").path("subject").asText("?")
                + (reason.isBlank() ? "" : "  reason: " + reason));
    }

    /** {@code tessera access request PRODUCT PORT --purpose TEXT}. */
    @Command(
            name = "request",
            mixinStandardHelpOptions = true,
            description = "Ask for access to a product's output port.")
    static final class Request implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "PRODUCT")
        String productId;

        @Parameters(index = "1", paramLabel = "PORT")
        String port;

        @Option(
                names = "--purpose",
                required = true,
                paramLabel = "TEXT",
                description = "Why the data is needed (10 characters or more).")
        String purpose;

        @Option(
                names = "--until",
                paramLabel = "INSTANT",
                description = "When access should end (ISO-8601); default 90 days from now.")
        Instant until;

        @Option(names = "--for-product", paramLabel = "ID", description = "The product the data will feed.")
        String consumingProduct;

        @Override
        public Integer call() throws IOException {
            Output output = common.output();
            ObjectNode body = Output.JSON
                    .createObjectNode()
                    .put("productId", productId)
                    .put("portName", port)
                    .put("purpose", purpose)
                    .put(
                            "requestedUntil",
                            (until != null ? until : Instant.now().plus(DEFAULT_TERM)).toString());
            if (consumingProduct != null) {
                body.put("consumingProductId", consumingProduct);
            }
            JsonNode created = Clients.api(common)
                    .postJson(PATH, body)
                    .orFail("requesting access")
                    .body();
            print(output, created);
            output.document(created);
            return ExitCodes.OK;
        }
    }

    /** {@code tessera access list [--status S]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Access requests you may see.")
    static final class ListRequests implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Option(
                names = "--status",
                paramLabel = "S",
                description = "Only requests in this state (PENDING, APPROVED, ACTIVE, ...).")
        String status;

        @Override
        public Integer call() throws IOException {
            Output output = common.output();
            JsonNode page = Clients.api(common)
                    .get(PATH + (status == null ? "" : "?status=" + Api.encode(status)))
                    .orFail("listing access requests")
                    .body();
            JsonNode items = page.isArray() ? page : page.path("items");
            items.forEach(item -> print(output, item));
            output.document(page);
            return ExitCodes.OK;
        }
    }

    /** Approve and reject differ only in the state and whether a reason is required. */
    abstract static class Decision implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "REQUEST")
        String id;

        abstract String status();

        abstract String reason();

        @Override
        public Integer call() throws IOException {
            Output output = common.output();
            ObjectNode body = Output.JSON.createObjectNode().put("status", status());
            if (reason() != null) {
                body.put("reason", reason());
            }
            ApiResponse answer = Clients.api(common).postJson(PATH + "/" + Api.encode(id) + "/decision", body);
            JsonNode decided = answer.orFail(status().toLowerCase(java.util.Locale.ROOT) + " request " + id)
                    .body();
            print(output, decided);
            output.document(decided);
            return ExitCodes.OK;
        }
    }

    /** {@code tessera access approve REQUEST}. */
    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve an access request.")
    static final class Approve extends Decision {

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (optional).")
        String reason;

        @Override
        String status() {
            return "APPROVED";
        }

        @Override
        String reason() {
            return reason;
        }
    }

    /** {@code tessera access reject REQUEST --reason TEXT}. */
    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject an access request.")
    static final class Reject extends Decision {

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; the requester sees it.")
        String reason;

        @Override
        String status() {
            return "REJECTED";
        }

        @Override
        String reason() {
            return reason;
        }
    }
}

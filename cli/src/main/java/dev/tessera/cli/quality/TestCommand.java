package dev.tessera.cli.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.cli.CliException;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.Clients;
import dev.tessera.cli.lint.Linter;
import dev.tessera.standards.descriptor.DescriptorParseException;
import dev.tessera.standards.descriptor.DescriptorParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tessera test FILE --server NAME}: checks a contract against the PostgreSQL database one of its servers names,
 * and with {@code --publish} reports the results to governance as the port's quality results.
 *
 * <p>Credentials come from the environment, never from the contract: {@code TESSERA_DB_<SERVER>_USER} and
 * {@code TESSERA_DB_<SERVER>_PASSWORD} (the server name upper-cased, anything but letters and digits as {@code _}),
 * else {@code TESSERA_DB_USER} and {@code TESSERA_DB_PASSWORD}.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Check a contract against its PostgreSQL server: tables, columns, types, NOT NULL, primary keys, and",
            "the contract's library and sql quality rules. Credentials: TESSERA_DB_<SERVER>_USER / _PASSWORD,",
            "else TESSERA_DB_USER / TESSERA_DB_PASSWORD. Exit 3 when a check fails."
        })
public final class TestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(
            paramLabel = "FILE",
            description = "A product descriptor (its ports' inline contracts) or an ODCS contract.")
    Path file;

    @Option(
            names = "--server",
            required = true,
            paramLabel = "NAME",
            description = "The contract's server to test (servers[].server).")
    String server;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "The output port whose contract to test (default: the port whose contract has --server).")
    String port;

    @Option(
            names = "--product",
            paramLabel = "ID",
            description = "The product, for --publish of a standalone contract.")
    String product;

    @Option(names = "--publish", description = "Send the results to governance as the port's quality results.")
    boolean publish;

    /** The JSON answer. */
    record Report(String productId, String port, String server, int passed, int failed, List<CheckResult> results) {}

    @Override
    public Integer call() throws IOException {
        Output output = common.output();
        JsonNode document = read();
        String productId = product;
        String portName = port;
        JsonNode contract;
        if (Linter.Kind.of(document) == Linter.Kind.PRODUCT) {
            productId = productId != null ? productId : document.path("id").asText(null);
            JsonNode chosen = null;
            for (JsonNode candidate : document.path("outputPorts")) {
                boolean named =
                        port == null || port.equals(candidate.path("name").asText());
                if (named && server(candidate.path("contract")) != null) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                throw new CliException(
                        "no output port" + (port == null ? "" : " named " + port) + " has a contract with server "
                                + server,
                        ExitCodes.USAGE);
            }
            portName = chosen.path("name").asText();
            contract = chosen.path("contract");
        } else {
            contract = document;
        }
        JsonNode target = server(contract);
        if (target == null) {
            throw new CliException("the contract has no server named " + server, ExitCodes.USAGE);
        }
        String type = target.path("type").asText("").toLowerCase(Locale.ROOT);
        if (!type.equals("postgres") && !type.equals("postgresql")) {
            throw new CliException(
                    "server " + server + " is of type '" + type + "'; tessera test runs PostgreSQL only",
                    ExitCodes.USAGE);
        }
        if (publish && (productId == null || portName == null)) {
            throw new CliException("--publish needs the product and port: give --product and --port", ExitCodes.USAGE);
        }
        String url = "jdbc:postgresql://" + target.path("host").asText("localhost") + ":"
                + target.path("port").asInt(5432) + "/"
                + target.path("database").asText("postgres");
        String schema = target.path("schema").asText("public");
        output.progress("connecting to " + url);
        List<CheckResult> results;
        try (Connection connection = DriverManager.getConnection(url, credentials())) {
            connection.setReadOnly(true);
            results = new PostgresContractCheck(connection, schema).run(contract);
        } catch (SQLException e) {
            throw new CliException("cannot connect to " + url + ": " + e.getMessage());
        }
        int passed = (int) results.stream().filter(CheckResult::passed).count();
        int failed = results.size() - passed;
        for (CheckResult result : results) {
            output.line(String.format("%-5s %s  %s", result.outcome(), result.check(), result.detail()));
        }
        output.line(passed + " passed, " + failed + " failed");
        if (publish) {
            publish(Clients.api(common), productId, portName, results);
            output.line("results sent to governance for " + productId + " port " + portName);
        }
        output.document(new Report(productId, portName, server, passed, failed, results));
        return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private JsonNode read() {
        try {
            byte[] body = Files.readAllBytes(file);
            DescriptorParser parser = new DescriptorParser();
            return parser.parse(body, !file.toString().toLowerCase(Locale.ROOT).endsWith(".json"));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), ExitCodes.USAGE);
        } catch (DescriptorParseException e) {
            throw new CliException(
                    file + ":" + Math.max(1, e.line()) + ":" + Math.max(1, e.column()) + ": " + e.getMessage(),
                    ExitCodes.USAGE);
        }
    }

    private JsonNode server(JsonNode contract) {
        for (JsonNode candidate : contract.path("servers")) {
            if (server.equals(candidate.path("server").asText())) {
                return candidate;
            }
        }
        return null;
    }

    private Properties credentials() {
        String prefix = "TESSERA_DB_" + server.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
        String user = env(prefix + "USER", "TESSERA_DB_USER");
        String password = env(prefix + "PASSWORD", "TESSERA_DB_PASSWORD");
        if (user == null) {
            throw new CliException(
                    "no database user: set " + prefix + "USER or TESSERA_DB_USER (and the _PASSWORD)", ExitCodes.USAGE);
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "tessera test");
        return properties;
    }

    private static String env(String first, String second) {
        String value = System.getenv(first);
        return value != null ? value : System.getenv(second);
    }

    private static void publish(Api api, String productId, String portName, List<CheckResult> results)
            throws IOException {
        ObjectNode body = Output.JSON.createObjectNode().put("tool", "tessera-cli");
        ArrayNode list = body.putArray("results");
        String run = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        for (CheckResult result : results) {
            if (result.outcome().equals("ERROR")) {
                continue;
            }
            ObjectNode entry = list.addObject()
                    .put("check", result.check())
                    .put("success", result.passed())
                    .put("observedAt", now)
                    .put("runId", run);
            if (result.value() != null) {
                entry.put("value", result.value());
            }
        }
        api.postJson(
                        "/api/governance/v1/products/" + Api.encode(productId) + "/ports/" + Api.encode(portName)
                                + "/quality/results",
                        body)
                .orFail("sending quality results");
    }
}

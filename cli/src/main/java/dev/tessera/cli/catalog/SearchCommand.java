package dev.tessera.cli.catalog;

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

/** {@code tessera search QUERY}: the catalog's full-text search over published products. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the catalog.")
public final class SearchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "QUERY", description = "Words to look for (the catalog's query syntax).")
    String query;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "At most N results (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws IOException {
        Output output = common.output();
        JsonNode result = Clients.api(common)
                .get("/api/catalog/v1/search?q=" + Api.encode(query) + "&limit=" + limit)
                .orFail("searching the catalog")
                .body();
        for (JsonNode item : result.path("items")) {
            String id = item.path("id").asText(item.path("productId").asText("?"));
            JsonNode domain = item.path("domain");
            String domainName = domain.isObject() ? domain.path("id").asText() : domain.asText("");
            output.line(
                    id + "  " + item.path("name").asText("") + (domainName.isEmpty() ? "" : "  [" + domainName + "]"));
        }
        output.line(result.path("total").asInt() + " result(s)");
        output.document(result);
        return ExitCodes.OK;
    }
}

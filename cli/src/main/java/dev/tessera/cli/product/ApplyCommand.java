package dev.tessera.cli.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.cli.CliException;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.ApiResponse;
import dev.tessera.cli.http.Clients;
import dev.tessera.cli.lint.DescriptorFiles;
import dev.tessera.cli.lint.Linter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tessera apply PATH...}: products and governance policies as code. Every write is idempotent on the server
 * (the same descriptor twice is UNCHANGED), so running apply on every push is safe. Several products go in one bulk
 * call when the registry offers it, one PUT each otherwise.
 *
 * <p>Pruning a domain retires what the files no longer list: a product of the domain absent from the files has its
 * published versions deprecated (consumers get a sunset date, {@code --sunset}), and versions whose sunset has passed
 * retired. Drafts are left alone: the lifecycle has no way to retire an unpublished version. The domain's policies the
 * policy files do not list are deleted by the governance service's own prune.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Apply product descriptors (ODPS with inline ODCS, or bundles) and policy files (policies:).",
            "Prints created / updated / unchanged / refused / pruned. Exit 3 when anything was refused."
        })
public final class ApplyCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Files, or directories of .yaml, .yml and .json files.")
    List<Path> paths;

    @Option(names = "--dry-run", description = "Report what would change; change nothing.")
    boolean dryRun;

    @Option(
            names = "--prune",
            description =
                    "Deprecate, then retire, the domain's products the files do not list; delete its unlisted policies. Needs --domain.")
    boolean prune;

    @Option(names = "--domain", paramLabel = "D", description = "The domain --prune covers.")
    String domain;

    @Option(
            names = "--sunset",
            paramLabel = "YYYY-MM-DD",
            description = "Sunset date for versions --prune deprecates (default: 90 days from today).")
    LocalDate sunset;

    /** One file's or product's outcome. */
    record Item(String file, String id, String outcome, String version, String detail) {}

    /** Counts by outcome. */
    record Summary(int created, int versionCreated, int updated, int unchanged, int refused, int pruned) {}

    /** The JSON answer. */
    record Report(boolean dryRun, Summary summary, List<Item> items, List<String> notes) {}

    @Override
    public Integer call() throws IOException {
        if (prune && (domain == null || domain.isBlank())) {
            throw new CliException(
                    "--prune needs --domain: the domain whose products and policies the files list in full",
                    ExitCodes.USAGE);
        }
        Output output = common.output();
        List<LocalDescriptor> files = DescriptorFiles.expand(paths).stream()
                .map(LocalDescriptor::read)
                .toList();
        Api api = Clients.api(common);
        List<Item> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<LocalDescriptor> products =
                files.stream().filter(f -> f.kind() == Linter.Kind.PRODUCT).toList();
        for (LocalDescriptor other : files) {
            if (other.kind() == Linter.Kind.CONTRACT) {
                notes.add(other.file() + " is a lone contract, skipped: it is applied with the product whose port"
                        + " names it (inline, or in a bundle after the product)");
            } else if (other.kind() == Linter.Kind.UNKNOWN) {
                notes.add(other.file() + " is neither a product nor a policies file, skipped");
            }
        }
        if (products.size() > 1 && !bulk(api, products, items, output)) {
            notes.add("the registry has no bulk endpoint: one request per product");
            perFile(api, products, items, output);
        } else if (products.size() > 1) {
            // bulk() filled the items.
        } else {
            perFile(api, products, items, output);
        }
        for (LocalDescriptor policies :
                files.stream().filter(f -> f.kind() == Linter.Kind.POLICIES).toList()) {
            policies(api, policies, items);
        }
        if (prune) {
            Set<String> listed = new LinkedHashSet<>();
            products.forEach(p -> listed.add(p.id()));
            pruneProducts(api, listed, items, notes, output);
        }
        Summary summary = summarise(items);
        for (Item item : items) {
            output.line(String.format(
                    "%-15s %s%s%s",
                    item.outcome(),
                    item.id(),
                    item.version() == null ? "" : " " + item.version(),
                    item.detail() == null ? "" : "  " + item.detail()));
        }
        notes.forEach(note -> output.line("note: " + note));
        output.line((dryRun ? "dry run: " : "") + summary.created() + " created, " + summary.versionCreated()
                + " new version(s), " + summary.updated() + " updated, " + summary.unchanged() + " unchanged, "
                + summary.refused() + " refused, " + summary.pruned() + " pruned");
        output.document(new Report(dryRun, summary, items, notes));
        return summary.refused() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private void perFile(Api api, List<LocalDescriptor> products, List<Item> items, Output output) throws IOException {
        int done = 0;
        for (LocalDescriptor product : products) {
            String id = product.id();
            ApiResponse answer = api.put(
                    "/api/registry/v1/products/" + Api.encode(id) + "?dryRun=" + dryRun,
                    product.body(),
                    product.contentType());
            items.add(productItem(product.file().toString(), id, answer));
            output.progress("applied " + (++done) + " of " + products.size());
        }
    }

    private Item productItem(String file, String id, ApiResponse answer) {
        if (answer.ok()) {
            return new Item(
                    file,
                    id,
                    answer.body().path("outcome").asText("APPLIED"),
                    answer.body().path("version").asText(null),
                    warnings(answer.body()));
        }
        if (answer.status() == 401 || answer.status() >= 500) {
            answer.orFail("applying " + id);
        }
        return new Item(file, id, "REFUSED", null, answer.describeProblem());
    }

    private static String warnings(JsonNode body) {
        List<String> warnings = new ArrayList<>();
        body.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings.isEmpty() ? null : "warning: " + String.join("; ", warnings);
    }

    /** One bulk call for all products; false when the registry does not offer it (404 or 405). */
    private boolean bulk(Api api, List<LocalDescriptor> products, List<Item> items, Output output) throws IOException {
        ObjectNode body = Output.JSON.createObjectNode();
        ArrayNode list = body.putArray("items");
        for (LocalDescriptor product : products) {
            list.addObject()
                    .put("id", product.id())
                    .put("descriptor", new String(product.body(), StandardCharsets.UTF_8));
        }
        output.progress("sending " + products.size() + " products in one bulk request");
        ApiResponse answer = api.postJson("/api/registry/v1/products/bulk?dryRun=" + dryRun, body);
        if (answer.status() == 404 || answer.status() == 405) {
            return false;
        }
        answer.orFail("applying " + products.size() + " products");
        JsonNode results = answer.body().path("results");
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            String id = result.path("id").asText();
            String file = products.stream()
                    .filter(p -> p.id().equals(id))
                    .findFirst()
                    .map(p -> p.file().toString())
                    .orElse(null);
            String outcome = result.path("outcome").asText();
            JsonNode problem = result.path("problem");
            String detail = problem.isMissingNode() || problem.isNull()
                    ? null
                    : new ApiResponse(problem.path("status").asInt(400), problem, "").describeProblem();
            items.add(new Item(file, id, outcome, result.path("version").asText(null), detail));
        }
        return true;
    }

    private void policies(Api api, LocalDescriptor file, List<Item> items) throws IOException {
        String query = "?dryRun=" + dryRun + (prune ? "&prune=true&scope=" + Api.encode(domain) : "");
        ApiResponse answer = api.post(
                "/api/governance/v1/policies/apply" + query,
                file.body(),
                file.contentType().equals("application/json") ? "application/json" : "application/yaml");
        if (!answer.ok()) {
            if (answer.status() == 401 || answer.status() >= 500) {
                answer.orFail("applying policies from " + file.file());
            }
            items.add(new Item(file.file().toString(), "policies", "REFUSED", null, answer.describeProblem()));
            return;
        }
        String name = file.file().toString();
        for (String outcome : List.of("created", "updated", "unchanged", "deleted")) {
            for (JsonNode id : answer.body().path(outcome)) {
                items.add(new Item(
                        name,
                        "policy " + id.asText(),
                        outcome.equals("deleted") ? "PRUNED" : outcome.toUpperCase(java.util.Locale.ROOT),
                        null,
                        null));
            }
        }
    }

    private void pruneProducts(Api api, Set<String> listed, List<Item> items, List<String> notes, Output output)
            throws IOException {
        LocalDate sunsetDate = sunset != null ? sunset : LocalDate.now().plusDays(90);
        String cursor = null;
        do {
            JsonNode page = api.get("/api/registry/v1/products?limit=100&domain=" + Api.encode(domain)
                            + (cursor == null ? "" : "&cursor=" + Api.encode(cursor)))
                    .orFail("listing the products of domain " + domain)
                    .body();
            for (JsonNode summary : page.path("items")) {
                String id = summary.path("id").asText();
                if (!listed.contains(id)) {
                    pruneProduct(api, id, sunsetDate, items, notes);
                }
            }
            cursor = page.path("next").asText(null);
            output.progress("pruning domain " + domain);
        } while (cursor != null);
    }

    private void pruneProduct(Api api, String id, LocalDate sunsetDate, List<Item> items, List<String> notes)
            throws IOException {
        JsonNode versions = api.get("/api/registry/v1/products/" + Api.encode(id) + "/versions")
                .orFail("reading the versions of " + id)
                .body();
        for (JsonNode version : versions) {
            String v = version.path("version").asText();
            String status = version.path("status").asText();
            ObjectNode transition = Output.JSON.createObjectNode();
            switch (status) {
                case "PUBLISHED" ->
                    transition
                            .put("to", "DEPRECATED")
                            .put("sunsetDate", sunsetDate.toString())
                            .putArray("reasons")
                            .add("no longer listed in the domain's descriptors (tessera apply --prune)");
                case "DEPRECATED" -> {
                    String sunsetAt = version.path("sunsetDate").asText(null);
                    if (sunsetAt == null || LocalDate.parse(sunsetAt).isAfter(LocalDate.now())) {
                        continue;
                    }
                    transition.put("to", "RETIRED");
                }
                case "DRAFT", "PENDING_APPROVAL" -> {
                    notes.add(
                            id + " " + v + " is " + status + " and not listed: unpublished versions cannot be retired;"
                                    + " leave it or remove it by hand");
                    continue;
                }
                default -> {
                    continue;
                }
            }
            String to = transition.path("to").asText();
            if (dryRun) {
                items.add(new Item(null, id, "PRUNED", v, "would move " + status + " -> " + to));
                continue;
            }
            ApiResponse answer = api.postJson(
                    "/api/registry/v1/products/" + Api.encode(id) + "/versions/" + Api.encode(v) + "/transitions",
                    transition);
            if (answer.ok()) {
                items.add(new Item(
                        null,
                        id,
                        "PRUNED",
                        v,
                        status + " -> " + to + (to.equals("DEPRECATED") ? " (sunset " + sunsetDate + ")" : "")));
            } else {
                items.add(new Item(
                        null, id, "REFUSED", v, "prune " + status + " -> " + to + ": " + answer.describeProblem()));
            }
        }
    }

    private static Summary summarise(List<Item> items) {
        int created = 0, versions = 0, updated = 0, unchanged = 0, refused = 0, pruned = 0;
        for (Item item : items) {
            switch (item.outcome()) {
                case "CREATED" -> created++;
                case "VERSION_CREATED" -> versions++;
                case "UPDATED" -> updated++;
                case "UNCHANGED" -> unchanged++;
                case "PRUNED" -> pruned++;
                default -> refused++;
            }
        }
        return new Summary(created, versions, updated, unchanged, refused, pruned);
    }
}

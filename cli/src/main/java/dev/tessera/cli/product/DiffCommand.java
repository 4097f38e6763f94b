package dev.tessera.cli.product;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.CommonOptions;
import dev.tessera.cli.ExitCodes;
import dev.tessera.cli.Output;
import dev.tessera.cli.http.Api;
import dev.tessera.cli.http.ApiResponse;
import dev.tessera.cli.http.Clients;
import dev.tessera.standards.contract.BreakingChangeDetector;
import dev.tessera.standards.contract.Finding;
import dev.tessera.standards.contract.SemanticVersion;
import dev.tessera.standards.contract.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tessera diff FILE}: what the file changes against the product's latest published version, found locally with
 * the registry's own detector, and whom each breaking change would hit: the consumers the registry names (declared
 * input ports, active access grants; from its dry run) and those lineage has seen reading the product.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compare a descriptor with the latest published version of its product and list the changes;",
            "for each breaking change, the consumers it would hit. Exit 3 when a breaking change keeps the",
            "major version (the registry would refuse it)."
        })
public final class DiffCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE", description = "The product descriptor (or bundle).")
    Path file;

    /**
     * One consumer a breaking change hits.
     *
     * @param productId the consuming product, or null for a grant or reader not tied to one
     * @param domainId its domain
     * @param source {@code registry} (declared input port or access grant) or {@code lineage} (seen reading)
     * @param how the link: INPUT_PORT, ACCESS_GRANT, or lineage's kinds
     * @param owners who to talk to, when the registry knows
     */
    record Consumer(String productId, String domainId, String source, String how, List<String> owners) {}

    /** A finding with the consumers it hits (breaking ones only). */
    record Change(String severity, String rule, String path, String message, List<Consumer> consumers) {}

    /** The JSON answer. */
    record Report(
            String productId,
            String version,
            String publishedVersion,
            boolean majorBump,
            boolean refused,
            List<Change> changes,
            List<String> notes) {}

    @Override
    public Integer call() throws IOException {
        Output output = common.output();
        LocalDescriptor local = LocalDescriptor.read(file);
        String id = local.id();
        Api api = Clients.api(common);
        List<String> notes = new ArrayList<>();
        ApiResponse product = api.get("/api/registry/v1/products/" + Api.encode(id));
        if (product.status() == 404) {
            return answer(
                    output,
                    new Report(
                            id,
                            local.version(),
                            null,
                            false,
                            false,
                            List.of(),
                            List.of("product " + id + " is not registered yet: everything in the file is new")));
        }
        product.orFail("reading product " + id);
        String published = product.body().path("latestPublishedVersion").asText(null);
        if (published == null) {
            return answer(
                    output,
                    new Report(
                            id,
                            local.version(),
                            null,
                            false,
                            false,
                            List.of(),
                            List.of("product " + id + " has no published version: no consumer relies on it yet")));
        }
        output.progress("comparing with published version " + published);
        JsonNode baseline = api.get("/api/registry/v1/products/" + Api.encode(id) + "/versions/" + Api.encode(published)
                        + "/descriptor")
                .orFail("reading published version " + published)
                .body();
        List<Finding> findings =
                new BreakingChangeDetector().compare(LocalDescriptor.withoutStatus(baseline), local.comparable());
        boolean breaking = BreakingChangeDetector.hasBreaking(findings);
        boolean bump = majorBump(local.version(), published);

        List<Change> changes = new ArrayList<>();
        JsonNode registryBreaking = breaking ? registryBreaking(api, id, local, findings, notes) : null;
        List<Consumer> readers = breaking ? lineageConsumers(api, id, notes) : List.of();
        for (Finding finding : findings) {
            List<Consumer> hit = new ArrayList<>();
            if (finding.severity() == Severity.BREAKING) {
                hit.addAll(registryConsumers(registryBreaking, finding));
                for (Consumer reader : readers) {
                    if (hit.stream()
                            .noneMatch(
                                    c -> c.productId() != null && c.productId().equals(reader.productId()))) {
                        hit.add(reader);
                    }
                }
            }
            changes.add(new Change(finding.severity().name(), finding.rule(), finding.path(), finding.message(), hit));
        }
        return answer(output, new Report(id, local.version(), published, bump, breaking && !bump, changes, notes));
    }

    private static int answer(Output output, Report report) {
        if (report.publishedVersion() != null) {
            output.line(report.productId() + " " + report.version() + " against published " + report.publishedVersion()
                    + ": " + report.changes().size() + " change(s)");
        }
        for (Change change : report.changes()) {
            output.line("  " + change.severity() + " " + change.rule() + " " + change.path());
            output.line("      " + change.message());
            for (Consumer consumer : change.consumers()) {
                output.line("      hits " + describe(consumer));
            }
            if (change.severity().equals(Severity.BREAKING.name())
                    && change.consumers().isEmpty()) {
                output.line("      no known consumer");
            }
        }
        report.notes().forEach(note -> output.line("note: " + note));
        if (report.refused()) {
            output.line("refused: breaking change(s) need a new major version (the registry would answer 422)");
        } else if (report.majorBump()
                && report.changes().stream().anyMatch(c -> c.severity().equals("BREAKING"))) {
            output.line("breaking change(s) come with a new major version: the registry accepts them");
        }
        output.document(report);
        return report.refused() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static String describe(Consumer consumer) {
        String who = consumer.productId() != null ? consumer.productId() : "(no product)";
        String domain = consumer.domainId() != null ? " (domain " + consumer.domainId() + ")" : "";
        String owners = consumer.owners().isEmpty() ? "" : ", owners " + String.join(", ", consumer.owners());
        return who + domain + " through " + consumer.how() + owners + " [" + consumer.source() + "]";
    }

    private static boolean majorBump(String version, String published) {
        try {
            return SemanticVersion.parse(version).isMajorBumpOver(SemanticVersion.parse(published));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The registry's own view, from a dry run of the file: its 422 lists each breaking finding with the consumers it
     * hits. A dry run that is not refused (the major version was bumped) names none; one the caller may not run is
     * noted and skipped. Disagreement with the local findings is noted: it means the CLI and the registry differ.
     */
    private static JsonNode registryBreaking(
            Api api, String id, LocalDescriptor local, List<Finding> findings, List<String> notes) throws IOException {
        ApiResponse dryRun = api.put(
                "/api/registry/v1/products/" + Api.encode(id) + "?dryRun=true", local.body(), local.contentType());
        JsonNode reported = dryRun.body().path("findings");
        if (dryRun.status() != 422 && !dryRun.ok()) {
            notes.add("the registry's dry run answered " + dryRun.describeProblem()
                    + "; consumers come from lineage only");
            return null;
        }
        Set<String> mine = new TreeSet<>();
        findings.stream()
                .filter(f -> f.severity() == Severity.BREAKING)
                .forEach(f -> mine.add(f.rule() + " " + f.path()));
        Set<String> remote = new TreeSet<>();
        for (JsonNode finding : reported) {
            if (finding.path("severity").asText().equals(Severity.BREAKING.name())) {
                remote.add(finding.path("rule").asText() + " "
                        + finding.path("path").asText());
            }
        }
        if (!remote.equals(mine)) {
            notes.add("the registry's dry run finds other breaking changes than this command: " + remote);
        }
        return dryRun.status() == 422 ? dryRun.body().path("breaking") : null;
    }

    private static List<Consumer> registryConsumers(JsonNode breaking, Finding finding) {
        List<Consumer> consumers = new ArrayList<>();
        if (breaking == null) {
            return consumers;
        }
        for (JsonNode hit : breaking) {
            if (hit.path("rule").asText().equals(finding.rule())
                    && hit.path("path").asText().equals(finding.path())) {
                for (JsonNode c : hit.path("consumers")) {
                    List<String> owners = new ArrayList<>();
                    c.path("owners").forEach(owner -> owners.add(owner.asText()));
                    consumers.add(new Consumer(
                            c.path("productId").asText(null),
                            c.path("domainId").asText(null),
                            "registry",
                            c.path("link").asText(),
                            owners));
                }
            }
        }
        return consumers;
    }

    private static List<Consumer> lineageConsumers(Api api, String id, List<String> notes) throws IOException {
        ApiResponse usage = api.get("/api/lineage/v1/products/" + Api.encode(id) + "/usage");
        if (!usage.ok()) {
            notes.add("lineage usage unavailable: " + usage.describeProblem());
            return List.of();
        }
        List<Consumer> consumers = new ArrayList<>();
        for (JsonNode c : usage.body().path("consumers")) {
            List<String> kinds = new ArrayList<>();
            c.path("kinds").forEach(kind -> kinds.add(kind.asText()));
            consumers.add(new Consumer(
                    c.path("productId").asText(null),
                    c.path("domainId").asText(null),
                    "lineage",
                    String.join("+", kinds),
                    c.path("subject").isTextual() ? List.of(c.path("subject").asText()) : List.of()));
        }
        return consumers;
    }
}

package dev.tessera.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.Violation;
import dev.tessera.standards.descriptor.DescriptorCodec;
import dev.tessera.standards.descriptor.DescriptorParseException;
import dev.tessera.standards.descriptor.DescriptorParser;
import dev.tessera.standards.descriptor.DescriptorRules;
import dev.tessera.standards.descriptor.StandardSchemas;
import dev.tessera.standards.input.SourcePositions;
import dev.tessera.standards.input.SourcePositions.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Checks descriptor files offline with the registry's own parser, schemas and rules (platform/standards), so a file
 * that lints clean is not refused by the registry for its content. What needs the registry's state (the domain
 * exists, a contract id is not another product's) is left to {@code tessera apply --dry-run}.
 *
 * <p>A file holds one of: an ODPS product ({@code kind: DataProduct}) with inline ODCS contracts, an ODCS contract
 * ({@code kind: DataContract}), a bundle (a YAML stream of a product followed by its contracts) or a policies file
 * ({@code policies:}, which lint leaves to the governance service).
 */
public final class Linter {

    /** What a document is, decided by its {@code kind}. */
    public enum Kind {
        PRODUCT,
        CONTRACT,
        POLICIES,
        UNKNOWN;

        /** The kind of one parsed document. */
        public static Kind of(JsonNode document) {
            String kind = document.path("kind").asText("");
            if (kind.equals("DataProduct")) {
                return PRODUCT;
            }
            if (kind.equals("DataContract")) {
                return CONTRACT;
            }
            if (document.has("policies") && document.size() == 1) {
                return POLICIES;
            }
            return UNKNOWN;
        }
    }

    private static final String ERROR = "error";
    private static final String WARNING = "warning";

    /**
     * Members ODPS leaves optional but {@code apply} needs. A file without them is valid ODPS (the registry's
     * {@code import/odps} takes the domain as a parameter and gives a version), so their absence is a warning; a
     * value that is there and wrong is an error.
     */
    private static final List<String> NEEDED_TO_APPLY = List.of("/domain", "/version");

    private final DescriptorParser parser = new DescriptorParser();

    /**
     * Loading the schemas is the largest part of a one-file run. It starts on its own thread as soon as this class is
     * touched ({@link #preload}, called by {@code Main} before picocli builds the command), so that building the
     * command, reading and parsing the first file all overlap it.
     */
    private static final CompletableFuture<StandardSchemas> SCHEMAS =
            CompletableFuture.supplyAsync(StandardSchemas::new);

    private final CompletableFuture<StandardSchemas> schemas = SCHEMAS;

    private DescriptorRules rules;

    /**
     * Every finding of one file, in the order of the document; empty when the file is clean.
     *
     * @param named whether the file was named on the command line; a file found in a directory that holds no product,
     *     contract or policies (a JSON Schema, a CI configuration) is skipped rather than reported
     */
    public List<LintFinding> lint(Path file, boolean named) {
        String name = file.toString();
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of(new LintFinding(name, 1, 1, ERROR, "", "cannot read the file: " + e.getMessage()));
        }
        boolean yaml = !name.toLowerCase(Locale.ROOT).endsWith(".json");
        List<JsonNode> documents;
        try {
            documents = yaml ? parser.parseStream(body) : List.of(parser.parse(body, false));
        } catch (DescriptorParseException e) {
            return List.of(
                    new LintFinding(name, Math.max(e.line(), 1), Math.max(e.column(), 1), ERROR, "", e.getMessage()));
        } catch (RuntimeException e) {
            // Too large, too many documents: the parser's own refusals, with messages meant for people.
            return List.of(new LintFinding(name, 1, 1, ERROR, "", e.getMessage()));
        }
        // Positions take a second pass over the text; a clean file, the usual case, never needs them.
        List<SourcePositions> positions = null;
        List<LintFinding> findings = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            String prefix = documents.size() > 1 ? "/documents/" + i : "";
            if (!named && documents.size() == 1 && Kind.of(document) == Kind.UNKNOWN) {
                return List.of();
            }
            List<Violation> violations = check(document, i, documents.size());
            if (violations.isEmpty()) {
                continue;
            }
            if (positions == null) {
                positions = yaml ? SourcePositions.ofYaml(body) : List.of(SourcePositions.of(body, false));
            }
            SourcePositions at = i < positions.size() ? positions.get(i) : positions.getLast();
            for (Violation violation : violations) {
                Position position = at.locate(violation.path());
                boolean absent = NEEDED_TO_APPLY.contains(violation.path())
                        && Kind.of(document) == Kind.PRODUCT
                        && !document.hasNonNull(violation.path().substring(1));
                findings.add(new LintFinding(
                        name,
                        position.line(),
                        position.column(),
                        absent ? WARNING : ERROR,
                        prefix + violation.path(),
                        absent
                                ? violation.message() + " (valid ODPS, but 'tessera apply' is refused without it)"
                                : violation.message()));
            }
        }
        // Editors and people read a file top to bottom; the rules report by pointer.
        findings.sort(Comparator.comparingInt(LintFinding::line).thenComparingInt(LintFinding::column));
        return findings;
    }

    /** Starts loading the schemas in the background; a no-op once started. */
    public static void preload() {
        // Touching the class runs its initialiser, which starts the load.
    }

    private DescriptorRules rules() {
        if (rules == null) {
            rules = new DescriptorRules(new DescriptorCodec(schemas.join()));
        }
        return rules;
    }

    private List<Violation> check(JsonNode document, int index, int count) {
        Kind kind = Kind.of(document);
        if (count > 1 && index == 0 && kind != Kind.PRODUCT) {
            return List.of(new Violation("/kind", "a bundle starts with its product (kind: DataProduct)"));
        }
        if (count > 1 && index > 0 && kind != Kind.CONTRACT) {
            return List.of(
                    new Violation("/kind", "after the product, a bundle holds contracts only (kind: DataContract)"));
        }
        return switch (kind) {
            case PRODUCT -> rules().check(document);
            case CONTRACT -> schemas.join().validateOdcs(document);
            case POLICIES -> List.of();
            case UNKNOWN ->
                List.of(new Violation(
                        document.has("kind") ? "/kind" : "",
                        "not a data product (kind: DataProduct, ODPS v1.0.0) or a data contract (kind: DataContract,"
                                + " ODCS v3.1.0)"));
        };
    }
}

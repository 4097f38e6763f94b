package dev.tessera.standards.input;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.standards.Violation;
import dev.tessera.standards.input.BoundedInputException.Limit;
import dev.tessera.standards.text.UserText;
import java.io.IOException;
import java.util.List;

/**
 * The one way Tessera services read a JSON or YAML document that a caller sent into a Jackson tree, with every size
 * the caller controls bounded before it can cost memory: the body in bytes, the tree in characters, nesting depth,
 * and YAML aliases (refused: see {@link YamlTrees}). Messages quote at most {@link UserText#MAX_QUOTED} characters of
 * the caller's input.
 *
 * <p>JSON has no aliases, so a JSON tree is never larger than its text; the body limit bounds it. Duplicate keys are
 * refused in both formats: which of two values counts would otherwise depend on the reader.
 *
 * <p>Thread-safe; create once per set of limits and share.
 */
public final class BoundedTreeReader {

    /**
     * Bounds on one document.
     *
     * @param maxBytes largest body in bytes
     * @param maxTreeChars most characters the tree may hold (every key and scalar, at least one per value)
     * @param maxDepth deepest nesting of objects and arrays; the top level is depth 1
     */
    public record Limits(int maxBytes, int maxTreeChars, int maxDepth) {

        /** What descriptors, contracts and policy files get: 1 MiB, 1 Mi characters, 100 levels. */
        public static final Limits DOCUMENTS = new Limits(1_048_576, 1_048_576, 100);
    }

    private final Limits limits;
    private final ObjectMapper json;

    public BoundedTreeReader(Limits limits) {
        this.limits = limits;
        this.json = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(limits.maxDepth())
                                .maxDocumentLength(limits.maxBytes())
                                .build())
                        // Parse errors quote the offending token; keep that as short as every other quote.
                        .errorReportConfiguration(ErrorReportConfiguration.builder()
                                .maxErrorTokenLength(UserText.MAX_QUOTED)
                                .maxRawContentLength(UserText.MAX_QUOTED)
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** The limits this reader enforces. */
    public Limits limits() {
        return limits;
    }

    /**
     * Reads one document.
     *
     * @param yaml read YAML (JSON is valid YAML too, so JSON bodies sent as YAML read the same)
     * @return the root, of any node type; {@code null} for a JSON body with no value
     * @throws BoundedInputException when the body is malformed or crosses a limit
     */
    public JsonNode read(byte[] body, boolean yaml) {
        if (body.length > limits.maxBytes()) {
            throw new BoundedInputException(
                    "The body has " + body.length + " bytes; the limit is " + limits.maxBytes() + ".",
                    Limit.MAX_BYTES,
                    limits.maxBytes(),
                    BoundedInputException.UNKNOWN,
                    BoundedInputException.UNKNOWN);
        }
        JsonNode root = yaml ? YamlTrees.read(body, limits) : readJson(body);
        List<Violation> unstorable = StorableInput.problems(root, "");
        if (!unstorable.isEmpty()) {
            Violation first = unstorable.get(0);
            throw new BoundedInputException(
                    "The value at " + (first.path().isEmpty() ? "the root" : UserText.truncate(first.path())) + " "
                            + first.message() + ".",
                    BoundedInputException.UNKNOWN,
                    BoundedInputException.UNKNOWN,
                    null);
        }
        return root;
    }

    private JsonNode readJson(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            JsonNode root = json.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new BoundedInputException(
                        "Unexpected content after the end of the JSON document; send exactly one value.",
                        at.getLineNr(),
                        at.getColumnNr(),
                        null);
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new BoundedInputException(
                    "The document is nested deeper than " + limits.maxDepth() + " levels.",
                    Limit.MAX_DEPTH,
                    limits.maxDepth(),
                    line(e),
                    column(e));
        } catch (JsonProcessingException e) {
            throw new BoundedInputException(
                    // A library's message may quote the caller's text (a duplicate key, say) at any length.
                    "Invalid JSON: " + UserText.truncate(e.getOriginalMessage()), line(e), column(e), e);
        } catch (IOException e) {
            throw new BoundedInputException(
                    "Could not read the body.", BoundedInputException.UNKNOWN, BoundedInputException.UNKNOWN, e);
        }
    }

    private static int line(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? BoundedInputException.UNKNOWN : at.getLineNr();
    }

    private static int column(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getColumnNr() < 1 ? BoundedInputException.UNKNOWN : at.getColumnNr();
    }
}

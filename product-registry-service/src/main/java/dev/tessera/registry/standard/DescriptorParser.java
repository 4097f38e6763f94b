package dev.tessera.registry.standard;

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
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes descriptors and contracts as JSON or YAML, defensively: bodies come from users, so size, nesting,
 * duplicate keys and YAML alias expansion are bounded, and values are kept exactly as written (dates stay strings,
 * decimals keep their scale) so that a descriptor round-trips without drift.
 *
 * <p>Thread-safe; create once and share.
 */
public final class DescriptorParser {

    /** Largest accepted body, in bytes. */
    public static final int MAX_BYTES = 1_048_576;

    /** Deepest accepted nesting of objects and arrays; the top-level object is level 1. */
    public static final int MAX_DEPTH = 100;

    /** Most aliases that may point at a list or mapping; enough for reuse, far too few for "billion laughs". */
    static final int MAX_ALIASES_FOR_COLLECTIONS = 50;

    /**
     * Most values a YAML document may expand to through aliases. A 1 MiB body of literal values cannot reach this
     * either, so it only ever stops alias expansion.
     */
    static final int MAX_VALUES = MAX_BYTES / 2;

    private static final Pattern YAML_MEDIA_TYPE = Pattern.compile("(application|text)/(x-)?yaml|.*\\+yaml");

    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final ObjectMapper yamlWriter = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .stringQuotingChecker(new AmbiguousScalarQuoting())
                    .build())
            .build();

    /**
     * Parses one descriptor or contract.
     *
     * @param yaml read the body as YAML (see {@link #looksLikeYaml(String, byte[])}); otherwise as JSON
     * @return the top-level object
     * @throws DescriptorTooLargeException when the body exceeds {@link #MAX_BYTES}
     * @throws DescriptorParseException when the body is empty, malformed, has duplicate keys or several YAML documents,
     *     expands aliases beyond the limits, nests deeper than {@link #MAX_DEPTH}, or is not an object at the top
     */
    public JsonNode parse(byte[] body, boolean yaml) {
        if (body == null || body.length == 0) {
            throw new DescriptorParseException("The body is empty; send a JSON or YAML descriptor.");
        }
        if (body.length > MAX_BYTES) {
            throw new DescriptorTooLargeException(body.length);
        }
        JsonNode root = yaml ? YamlTreeReader.read(body, loaderOptions(), MAX_DEPTH, MAX_VALUES) : parseJson(body);
        if (root == null || root.isMissingNode()) {
            throw new DescriptorParseException("The body contains no document.");
        }
        if (!root.isObject()) {
            throw new DescriptorParseException("The top level must be an object (a mapping of fields), not "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return root;
    }

    /**
     * Whether a body should be read as YAML: yes for YAML media types, no for JSON ones, and otherwise (no or a generic
     * content type) yes unless the body starts with <code>'{'</code>.
     */
    public static boolean looksLikeYaml(String contentType, byte[] body) {
        if (contentType != null && !contentType.isBlank()) {
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (YAML_MEDIA_TYPE.matcher(mediaType).matches()) {
                return true;
            }
            if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
                return false;
            }
        }
        return firstSignificantByte(body) != '{';
    }

    /** Serialises a tree as pretty-printed JSON or as YAML that reads back to an equal tree. */
    public byte[] write(JsonNode node, boolean yaml) {
        try {
            return yaml
                    ? yamlWriter.writeValueAsBytes(node)
                    : json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            // Writing an in-memory tree to a byte array only fails on a bug, never on user input.
            throw new UncheckedIOException("Could not serialise descriptor", e);
        }
    }

    private JsonNode parseJson(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            JsonNode root = json.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new DescriptorParseException(
                        "Unexpected content after the end of the JSON document; send exactly one object.",
                        at.getLineNr(),
                        at.getColumnNr(),
                        null);
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new DescriptorParseException(
                    "The document is nested deeper than " + MAX_DEPTH + " levels.", line(e), column(e), e);
        } catch (JsonProcessingException e) {
            throw new DescriptorParseException("Invalid JSON: " + e.getOriginalMessage(), line(e), column(e), e);
        } catch (IOException e) {
            throw new DescriptorParseException("Could not read the body: " + e.getMessage());
        }
    }

    private static int line(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? DescriptorParseException.UNKNOWN : at.getLineNr();
    }

    private static int column(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getColumnNr() < 1 ? DescriptorParseException.UNKNOWN : at.getColumnNr();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private static int firstSignificantByte(byte[] body) {
        if (body == null) {
            return -1;
        }
        int i = 0;
        // Skip a UTF-8 byte order mark.
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    /**
     * Quotes strings that a YAML 1.1 reader (SnakeYAML's default, PyYAML, ...) would type as something else: dates and
     * timestamps, booleans like {@code yes}/{@code off}, octal, hexadecimal and sexagesimal numbers, infinities. Our own
     * reader keeps them as strings anyway, but exported files are read by other tools too.
     */
    private static final class AmbiguousScalarQuoting extends StringQuotingChecker.Default {

        private static final Pattern AMBIGUOUS = Pattern.compile(String.join(
                "|",
                "[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?",
                "[-+]?\\.[0-9][0-9_]*([eE][-+]?[0-9]+)?",
                "[-+]?0[xXoObB][0-9a-fA-F_]+",
                "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
                "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?",
                "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
                "(?i)(y|n|yes|no|on|off|true|false|null|~)"));

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || AMBIGUOUS.matcher(name).matches();
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || AMBIGUOUS.matcher(value).matches();
        }
    }
}

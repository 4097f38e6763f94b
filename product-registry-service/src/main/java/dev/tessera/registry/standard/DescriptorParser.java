package dev.tessera.registry.standard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.tessera.platform.input.BoundedInputException;
import dev.tessera.platform.input.BoundedTreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads and writes descriptors and contracts as JSON or YAML, defensively: bodies come from users, so they are read by
 * the platform's {@link BoundedTreeReader} (size, characters, nesting and duplicate keys bounded, YAML aliases
 * refused), and values are kept exactly as written (dates stay strings, decimals keep their scale) so that a
 * descriptor round-trips without drift.
 *
 * <p>Thread-safe; create once and share.
 */
public final class DescriptorParser {

    /** Largest accepted body, in bytes. */
    public static final int MAX_BYTES = BoundedTreeReader.Limits.DOCUMENTS.maxBytes();

    /** Deepest accepted nesting of objects and arrays; the top-level object is level 1. */
    public static final int MAX_DEPTH = BoundedTreeReader.Limits.DOCUMENTS.maxDepth();

    private static final Pattern YAML_MEDIA_TYPE = Pattern.compile("(application|text)/(x-)?yaml|.*\\+yaml");

    private final BoundedTreeReader reader = new BoundedTreeReader(BoundedTreeReader.Limits.DOCUMENTS);

    private final ObjectMapper json = JsonMapper.builder().build();

    private final ObjectMapper yamlWriter = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .stringQuotingChecker(new AmbiguousScalarQuoting())
                    .build())
            .build();

    /**
     * Parses one descriptor or contract with the platform's {@link BoundedTreeReader} and its document limits.
     *
     * @param yaml read the body as YAML (see {@link #looksLikeYaml(String, byte[])}); otherwise as JSON
     * @return the top-level object
     * @throws DescriptorTooLargeException when the body exceeds {@link #MAX_BYTES}
     * @throws DescriptorParseException when the body is empty, malformed, has duplicate keys or several YAML documents,
     *     uses a YAML alias, holds too many characters, nests deeper than {@link #MAX_DEPTH}, or is not an object at
     *     the top
     */
    public JsonNode parse(byte[] body, boolean yaml) {
        if (body == null || body.length == 0) {
            throw new DescriptorParseException("The body is empty; send a JSON or YAML descriptor.");
        }
        if (body.length > MAX_BYTES) {
            throw new DescriptorTooLargeException(body.length);
        }
        JsonNode root;
        try {
            root = reader.read(body, yaml);
        } catch (BoundedInputException e) {
            throw new DescriptorParseException(e);
        }
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

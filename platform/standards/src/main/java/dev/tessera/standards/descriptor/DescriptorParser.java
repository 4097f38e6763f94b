package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.tessera.standards.input.BoundedInputException;
import dev.tessera.standards.input.BoundedTreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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

    /** Most documents one YAML stream (a bundle: a product and its contracts) may hold. */
    public static final int MAX_DOCUMENTS = 100;

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
     * Parses a YAML stream of one or more documents separated by {@code ---} lines, each read as {@link #parse} reads a
     * single one. The whole body is held to {@link #MAX_BYTES}, so the documents together are as bounded as one
     * descriptor; a document's errors name it by its index (0 for the first) and give lines of the whole body.
     *
     * <p>The stream is split on the text: YAML forbids a line that starts with {@code ---} followed by a space or the
     * line's end anywhere inside content, block scalars and quoted strings included, so such a line always starts a
     * document. Parts holding only blank lines and comments (before the first marker, after the last) are no
     * documents.
     *
     * @throws DescriptorTooLargeException when the body exceeds {@link #MAX_BYTES}
     * @throws TooManyDocumentsException when the stream holds more than {@link #MAX_DOCUMENTS} documents
     * @throws DescriptorParseException when the stream holds no document or any document is refused by {@link #parse}
     */
    public List<JsonNode> parseStream(byte[] body) {
        if (body == null || body.length == 0) {
            throw new DescriptorParseException("The body is empty; send a JSON or YAML descriptor.");
        }
        if (body.length > MAX_BYTES) {
            throw new DescriptorTooLargeException(body.length);
        }
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        int line = 0;
        int partLine = 0;
        for (int at = 0; at <= body.length; at = nextLine(body, at)) {
            if (at == body.length) {
                parts.add(new int[] {start, at, partLine});
                break;
            }
            if (at > start && isDocumentStart(body, at)) {
                parts.add(new int[] {start, at, partLine});
                start = at;
                partLine = line;
            }
            line++;
        }
        List<int[]> documents =
                parts.stream().filter(part -> !isBlank(body, part[0], part[1])).toList();
        if (documents.isEmpty()) {
            throw new DescriptorParseException("The body contains no document.");
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw new TooManyDocumentsException(documents.size());
        }
        if (documents.size() == 1) {
            // One document reads exactly as a single descriptor does, messages included.
            return List.of(parse(body, true));
        }
        List<JsonNode> result = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            int[] part = documents.get(i);
            byte[] text = java.util.Arrays.copyOfRange(body, part[0], part[1]);
            try {
                result.add(parse(text, true));
            } catch (DescriptorParseException e) {
                throw e.inDocument(i, part[2]);
            }
        }
        return result;
    }

    /**
     * Writes documents as one YAML stream, each started by a {@code ---} line, which {@link #parseStream} reads back to
     * equal trees.
     */
    public byte[] writeStream(List<? extends JsonNode> documents) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (JsonNode document : documents) {
            out.writeBytes("---\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeBytes(write(document, true));
        }
        return out.toByteArray();
    }

    private static int nextLine(byte[] body, int at) {
        while (at < body.length && body[at] != '\n') {
            at++;
        }
        return Math.min(at + 1, body.length);
    }

    /** {@code ---} at the start of the line, then a space, a tab or the end of the line. */
    private static boolean isDocumentStart(byte[] body, int at) {
        if (at + 3 > body.length || body[at] != '-' || body[at + 1] != '-' || body[at + 2] != '-') {
            return false;
        }
        if (at + 3 == body.length) {
            return true;
        }
        byte next = body[at + 3];
        return next == ' ' || next == '\t' || next == '\r' || next == '\n';
    }

    /** Whether a part holds nothing but blank lines, comments, bare {@code ---} or {@code ...} markers and a BOM. */
    private static boolean isBlank(byte[] body, int from, int to) {
        for (int at = from; at < to; at = nextLine(body, at)) {
            int end = Math.min(nextLine(body, at), to);
            String line = new String(body, at, end - at, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\uFEFF", "")
                    .strip();
            if (line.startsWith("---") || line.startsWith("...")) {
                line = line.substring(3).strip();
            }
            if (!line.isEmpty() && !line.startsWith("#")) {
                return false;
            }
        }
        return true;
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

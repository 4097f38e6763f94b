package dev.tessera.registry.standard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into a Jackson tree.
 *
 * <p>Jackson's own YAML parser turns an alias ({@code *name}) into the string {@code "name"} instead of the anchored
 * value, which silently corrupts descriptors that reuse blocks. So we compose the node graph with SnakeYAML, which
 * resolves aliases under {@link LoaderOptions} limits, and convert it ourselves. The conversion also decides how plain
 * scalars are typed: only JSON-compatible literals become numbers, booleans or null; everything else (dates,
 * timestamps, {@code yes}/{@code no}, octal or hexadecimal forms, {@code 1.0.0}) stays a string, so nothing the author
 * wrote is reinterpreted and every value round-trips.
 */
final class YamlTreeReader {

    /** Tag given to untagged plain scalars so that we, not SnakeYAML's YAML 1.1 rules, decide their type. */
    private static final Tag PLAIN = new Tag("tag:tessera.dev,2025:plain");

    private static final String MERGE_KEY = "<<";
    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    // JSON's number grammar, so a YAML number and the same JSON number give equal trees.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final LoaderOptions options;
    private final int maxDepth;
    private final int maxValues;
    private int values;

    private YamlTreeReader(LoaderOptions options, int maxDepth, int maxValues) {
        this.options = options;
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
    }

    /**
     * @param maxDepth deepest allowed container nesting (the top-level object is depth 1)
     * @param maxValues most values the document may expand to, which bounds alias expansion ("billion laughs")
     */
    static JsonNode read(byte[] body, LoaderOptions options, int maxDepth, int maxValues) {
        return new YamlTreeReader(options, maxDepth, maxValues).readDocument(body);
    }

    private JsonNode readDocument(byte[] body) {
        try {
            Composer composer = new Composer(
                    new ParserImpl(new StreamReader(new UnicodeReader(new ByteArrayInputStream(body))), options),
                    new PlainScalarResolver(),
                    options);
            if (!composer.checkNode()) {
                throw new DescriptorParseException("The YAML body contains no document.");
            }
            Node root = composer.getNode();
            if (composer.checkNode()) {
                Node next = composer.getNode();
                throw parseError(
                        "The YAML body contains more than one document ('---'); send exactly one descriptor.", next);
            }
            return convert(root, 0);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "Invalid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getMessage());
            if (e.getContext() != null) {
                message += " (" + e.getContext() + ")";
            }
            int line = mark == null ? DescriptorParseException.UNKNOWN : mark.getLine() + 1;
            int column = mark == null ? DescriptorParseException.UNKNOWN : mark.getColumn() + 1;
            throw new DescriptorParseException(message, line, column, e);
        } catch (YAMLException e) {
            // Limit violations (aliases, nesting, size) and encoding errors carry no position.
            throw new DescriptorParseException(
                    "Invalid YAML: " + e.getMessage(),
                    DescriptorParseException.UNKNOWN,
                    DescriptorParseException.UNKNOWN,
                    e);
        }
    }

    private JsonNode convert(Node node, int depth) {
        if (++values > maxValues) {
            throw parseError(
                    "The YAML document expands to more than " + maxValues
                            + " values; reduce the use of anchors and aliases.",
                    node);
        }
        return switch (node.getNodeId()) {
            case scalar -> scalar((ScalarNode) node);
            case sequence -> sequence((SequenceNode) node, checkDepth(node, depth + 1));
            case mapping -> mapping((MappingNode) node, checkDepth(node, depth + 1));
            case anchor -> convert(((AnchorNode) node).getRealNode(), depth);
        };
    }

    private int checkDepth(Node node, int depth) {
        // Recursive aliases (&a [*a]) also end here, because each lap nests one level deeper.
        if (depth > maxDepth) {
            throw parseError("The document is nested deeper than " + maxDepth + " levels.", node);
        }
        return depth;
    }

    private ArrayNode sequence(SequenceNode node, int depth) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Node item : node.getValue()) {
            array.add(convert(item, depth));
        }
        return array;
    }

    private ObjectNode mapping(MappingNode node, int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw parseError("Mapping keys must be plain strings, not lists or mappings.", keyNode);
            }
            String key = scalarKey.getValue();
            if (MERGE_KEY.equals(key) && PLAIN.equals(scalarKey.getTag())) {
                merges.add(tuple.getValueNode());
                continue;
            }
            if (object.has(key)) {
                throw parseError("Duplicate key '" + key + "'; each key may appear only once per mapping.", keyNode);
            }
            object.set(key, convert(tuple.getValueNode(), depth));
        }
        // Merge keys (<<: *base) fill in only what the mapping does not set itself; earlier sources win.
        for (Node merge : merges) {
            List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
            for (Node source : sources) {
                if (!(convert(source, depth - 1) instanceof ObjectNode merged)) {
                    throw parseError("A merge key ('<<') must refer to a mapping or a list of mappings.", merge);
                }
                merged.properties().forEach(entry -> {
                    if (!object.has(entry.getKey())) {
                        object.set(entry.getKey(), entry.getValue());
                    }
                });
            }
        }
        return object;
    }

    private static JsonNode scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (PLAIN.equals(tag)) {
            return plain(text);
        }
        if (Tag.NULL.equals(tag)) {
            return NullNode.instance;
        }
        if (Tag.BOOL.equals(tag) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return BooleanNode.valueOf(text.equalsIgnoreCase("true"));
        }
        if ((Tag.INT.equals(tag) || Tag.FLOAT.equals(tag))
                && DECIMAL.matcher(text).matches()) {
            return number(text);
        }
        // Quoted scalars, !!str and any other tag (timestamps, binary, custom) keep their text.
        return TextNode.valueOf(text);
    }

    private static JsonNode plain(String text) {
        switch (text) {
            case "", "~", "null", "Null", "NULL" -> {
                return NullNode.instance;
            }
            case "true", "True", "TRUE" -> {
                return BooleanNode.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return BooleanNode.FALSE;
            }
            default -> {
                return DECIMAL.matcher(text).matches() ? number(text) : TextNode.valueOf(text);
            }
        }
    }

    /** Same node types Jackson's JSON parser produces, so YAML and JSON bodies give equal trees. */
    private static JsonNode number(String text) {
        if (INTEGER.matcher(text).matches()) {
            BigInteger value = new BigInteger(text);
            if (value.bitLength() < Integer.SIZE) {
                return JsonNodeFactory.instance.numberNode(value.intValue());
            }
            if (value.bitLength() < Long.SIZE) {
                return JsonNodeFactory.instance.numberNode(value.longValue());
            }
            return JsonNodeFactory.instance.numberNode(value);
        }
        // DecimalNode directly: the factory would strip trailing zeros and turn 10.50 into 10.5.
        return DecimalNode.valueOf(new BigDecimal(text));
    }

    private static DescriptorParseException parseError(String message, Node node) {
        Mark mark = node.getStartMark();
        return mark == null
                ? new DescriptorParseException(message)
                : new DescriptorParseException(message, mark.getLine() + 1, mark.getColumn() + 1, null);
    }

    /** Leaves untagged plain scalars for {@link #plain(String)}; SnakeYAML would apply YAML 1.1 typing. */
    private static final class PlainScalarResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit) {
                return PLAIN;
            }
            return super.resolve(kind, value, implicit);
        }
    }
}

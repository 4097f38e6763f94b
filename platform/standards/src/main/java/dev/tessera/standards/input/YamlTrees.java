package dev.tessera.standards.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tessera.standards.input.BoundedInputException.Limit;
import dev.tessera.standards.text.UserText;
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
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into a Jackson tree, for {@link BoundedTreeReader}.
 *
 * <p>Aliases ({@code *name}) are refused as the parser meets them, before anything is composed. SnakeYAML's own
 * alias limit counts only aliases to lists and mappings; an alias to a long string is free to the parser but costs its
 * full length wherever the tree is written out, hashed or quoted, so 2,000 aliases to a 500 KB string make a 1 GB
 * string. Refusing every alias removes the whole class: the tree is then never larger than the text, and the
 * character budget ({@link BoundedTreeReader.Limits#maxTreeChars()}) is a second bound that does not depend on that
 * reasoning. (Jackson's own YAML parser does not expand aliases either: it reads {@code *name} as the string
 * {@code "name"}, silently.)
 *
 * <p>The conversion also decides how plain scalars are typed: only JSON-compatible literals become numbers, booleans
 * or null; everything else (dates, timestamps, {@code yes}/{@code no}, octal or hexadecimal forms, {@code 1.0.0})
 * stays a string, so nothing the author wrote is reinterpreted and every value round-trips.
 */
final class YamlTrees {

    /** Tag given to untagged plain scalars so that we, not SnakeYAML's YAML 1.1 rules, decide their type. */
    private static final Tag PLAIN = new Tag("tag:tessera.dev,2025:plain");

    private static final String MERGE_KEY = "<<";
    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    // JSON's number grammar, so a YAML number and the same JSON number give equal trees.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final BoundedTreeReader.Limits limits;
    private long chars;

    private YamlTrees(BoundedTreeReader.Limits limits) {
        this.limits = limits;
    }

    static JsonNode read(byte[] body, BoundedTreeReader.Limits limits) {
        return new YamlTrees(limits).readDocument(body);
    }

    private JsonNode readDocument(byte[] body) {
        try {
            LoaderOptions options = loaderOptions();
            Parser parser = new NoAliases(
                    new ParserImpl(new StreamReader(new UnicodeReader(new ByteArrayInputStream(body))), options));
            Composer composer = new Composer(parser, new PlainScalarResolver(), options);
            if (!composer.checkNode()) {
                throw new BoundedInputException(
                        "The YAML body contains no document.",
                        BoundedInputException.UNKNOWN,
                        BoundedInputException.UNKNOWN,
                        null);
            }
            Node root = composer.getNode();
            if (composer.checkNode()) {
                throw malformed(
                        "The YAML body contains more than one document ('---'); send exactly one.", composer.getNode());
            }
            return convert(root, 0);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            // SnakeYAML's problem texts may quote the input (a duplicate key, say) at any length.
            String message =
                    "Invalid YAML: " + UserText.truncate(e.getProblem() != null ? e.getProblem() : e.getMessage());
            if (e.getContext() != null) {
                message += " (" + UserText.truncate(e.getContext()) + ")";
            }
            int line = mark == null ? BoundedInputException.UNKNOWN : mark.getLine() + 1;
            int column = mark == null ? BoundedInputException.UNKNOWN : mark.getColumn() + 1;
            throw new BoundedInputException(message, line, column, e);
        } catch (YAMLException e) {
            // Limit violations of SnakeYAML itself (nesting, code points) and encoding errors carry no position.
            throw new BoundedInputException(
                    "Invalid YAML: " + UserText.truncate(e.getMessage()),
                    BoundedInputException.UNKNOWN,
                    BoundedInputException.UNKNOWN,
                    e);
        }
    }

    private LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        // Aliases never reach the composer (NoAliases), so this only backs that up.
        options.setMaxAliasesForCollections(0);
        // One more than ours: SnakeYAML's check guards its own recursion, ours (checkDepth) names the limit.
        options.setNestingDepthLimit(limits.maxDepth() + 1);
        options.setCodePointLimit(limits.maxBytes());
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private JsonNode convert(Node node, int depth) {
        return switch (node.getNodeId()) {
            case scalar -> scalar((ScalarNode) node);
            case sequence -> sequence((SequenceNode) node, checkDepth(node, depth + 1));
            case mapping -> mapping((MappingNode) node, checkDepth(node, depth + 1));
            case anchor -> throw aliasRefused(node.getStartMark());
        };
    }

    /** Counts {@code length} characters (at least one per value) against the tree budget. */
    private void spend(int length, Node node) {
        chars += Math.max(1, length);
        if (chars > limits.maxTreeChars()) {
            Mark mark = node.getStartMark();
            throw new BoundedInputException(
                    "The document holds more than " + limits.maxTreeChars() + " characters of keys and values.",
                    Limit.MAX_TREE_CHARS,
                    limits.maxTreeChars(),
                    mark == null ? BoundedInputException.UNKNOWN : mark.getLine() + 1,
                    mark == null ? BoundedInputException.UNKNOWN : mark.getColumn() + 1);
        }
    }

    private int checkDepth(Node node, int depth) {
        if (depth > limits.maxDepth()) {
            Mark mark = node.getStartMark();
            throw new BoundedInputException(
                    "The document is nested deeper than " + limits.maxDepth() + " levels.",
                    Limit.MAX_DEPTH,
                    limits.maxDepth(),
                    mark == null ? BoundedInputException.UNKNOWN : mark.getLine() + 1,
                    mark == null ? BoundedInputException.UNKNOWN : mark.getColumn() + 1);
        }
        return depth;
    }

    private ArrayNode sequence(SequenceNode node, int depth) {
        spend(1, node);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Node item : node.getValue()) {
            array.add(convert(item, depth));
        }
        return array;
    }

    private ObjectNode mapping(MappingNode node, int depth) {
        spend(1, node);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw malformed("Mapping keys must be plain strings, not lists or mappings.", keyNode);
            }
            String key = scalarKey.getValue();
            if (MERGE_KEY.equals(key) && PLAIN.equals(scalarKey.getTag())) {
                merges.add(tuple.getValueNode());
                continue;
            }
            if (object.has(key)) {
                throw malformed(
                        "Duplicate key " + UserText.quote(key) + "; each key may appear only once per mapping.",
                        keyNode);
            }
            spend(key.length(), keyNode);
            object.set(key, convert(tuple.getValueNode(), depth));
        }
        // Merge keys (<<: {...}) fill in only what the mapping does not set itself; earlier sources win. Without
        // aliases they can only name inline mappings, which keeps them harmless.
        for (Node merge : merges) {
            List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
            for (Node source : sources) {
                if (!(convert(source, depth - 1) instanceof ObjectNode merged)) {
                    throw malformed("A merge key ('<<') must hold a mapping or a list of mappings.", merge);
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

    private JsonNode scalar(ScalarNode node) {
        String text = node.getValue();
        spend(text.length(), node);
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

    private static BoundedInputException malformed(String message, Node node) {
        Mark mark = node.getStartMark();
        return mark == null
                ? new BoundedInputException(message, BoundedInputException.UNKNOWN, BoundedInputException.UNKNOWN, null)
                : new BoundedInputException(message, mark.getLine() + 1, mark.getColumn() + 1, null);
    }

    private static BoundedInputException aliasRefused(Mark mark) {
        return new BoundedInputException(
                "YAML aliases (*name) are not accepted; write the value out where it is used. An alias can make a"
                        + " small document expand without bound.",
                Limit.NO_ALIASES,
                0,
                mark == null ? BoundedInputException.UNKNOWN : mark.getLine() + 1,
                mark == null ? BoundedInputException.UNKNOWN : mark.getColumn() + 1);
    }

    /** Passes the parser's events through and refuses the first alias, before the composer resolves it. */
    private record NoAliases(Parser parser) implements Parser {

        @Override
        public boolean checkEvent(Event.ID choice) {
            refuseAlias();
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            refuseAlias();
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            refuseAlias();
            return parser.getEvent();
        }

        private void refuseAlias() {
            Event next = parser.peekEvent();
            if (next instanceof AliasEvent alias) {
                throw aliasRefused(alias.getStartMark());
            }
        }
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

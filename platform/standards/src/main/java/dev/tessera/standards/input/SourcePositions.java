package dev.tessera.standards.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Where each member of a JSON or YAML document stands in its text, by JSON Pointer, so a problem found in the tree
 * (a schema violation, a broken rule) can be shown at its line and column. An object member stands where its key
 * starts, an array element where its value starts, the document where its first value starts.
 *
 * <p>Built from a body that {@link BoundedTreeReader} has already accepted: the reader bounds the input, this class
 * only walks it once more. Immutable once built.
 */
public final class SourcePositions {

    /**
     * A place in the text, both 1-based.
     *
     * @param line line of the first character
     * @param column column of the first character
     */
    public record Position(int line, int column) {

        /** Where nothing is known: the start of the text. */
        public static final Position START = new Position(1, 1);
    }

    private final Map<String, Position> positions;

    private SourcePositions(Map<String, Position> positions) {
        this.positions = positions;
    }

    /**
     * The positions of every member of the single document in {@code body}.
     *
     * @param yaml read the text as YAML; otherwise as JSON
     */
    public static SourcePositions of(byte[] body, boolean yaml) {
        return yaml ? ofYaml(body).get(0) : ofJson(body);
    }

    /**
     * The positions of each document of a YAML stream, in order; lines count from the start of the stream. A body
     * that cannot be read gives one empty map, whose every lookup answers {@link Position#START}.
     */
    public static List<SourcePositions> ofYaml(byte[] body) {
        List<SourcePositions> documents = new ArrayList<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setCodePointLimit(Math.max(body.length, 1));
            Composer composer = new Composer(
                    new ParserImpl(new StreamReader(new UnicodeReader(new ByteArrayInputStream(body))), options),
                    new Resolver(),
                    options);
            while (composer.checkNode()) {
                Map<String, Position> positions = new HashMap<>();
                walk(composer.getNode(), "", positions);
                documents.add(new SourcePositions(positions));
            }
        } catch (YAMLException e) {
            // The reader accepted the body, so this is a document it reads and SnakeYAML's defaults do not; positions
            // are a help, never a reason to fail.
        }
        if (documents.isEmpty()) {
            documents.add(new SourcePositions(Map.of()));
        }
        return documents;
    }

    private static SourcePositions ofJson(byte[] body) {
        Map<String, Position> positions = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                // At a key, the context's path already ends with the key; at a value inside an array, with its index.
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                JsonLocation at = parser.currentTokenLocation();
                positions.putIfAbsent(pointer, new Position(at.getLineNr(), at.getColumnNr()));
            }
        } catch (IOException e) {
            // As for YAML: whatever was walked before the error still helps.
        }
        return new SourcePositions(positions);
    }

    private static void walk(Node node, String pointer, Map<String, Position> positions) {
        positions.putIfAbsent(pointer, position(node.getStartMark()));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = pointer + "/" + escape(key.getValue());
                    positions.putIfAbsent(child, position(key.getStartMark()));
                    walk(tuple.getValueNode(), child, positions);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), pointer + "/" + i, positions);
            }
        }
    }

    private static Position position(Mark mark) {
        return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Where the member at {@code pointer} stands; for a member that is not there (a missing required field, say) where
     * its nearest present parent stands.
     */
    public Position locate(String pointer) {
        String at = pointer == null ? "" : pointer;
        while (true) {
            Position found = positions.get(at);
            if (found != null) {
                return found;
            }
            if (at.isEmpty()) {
                return Position.START;
            }
            int slash = at.lastIndexOf('/');
            at = slash <= 0 ? "" : at.substring(0, slash);
        }
    }
}

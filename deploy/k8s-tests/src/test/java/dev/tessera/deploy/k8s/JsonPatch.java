package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of RFC 6902 JSON Patch the overlays use: {@code add}, {@code replace} and {@code remove}
 * on RFC 6901 pointers (with {@code ~0}/{@code ~1} escapes and {@code -} to append). Anything else is
 * refused, so an overlay cannot silently rely on an operation this renderer would get wrong.
 */
final class JsonPatch {

    private JsonPatch() {}

    /** Applies the operations in order to {@code target}, in place. */
    static void apply(ObjectNode target, JsonNode operations) {
        if (!operations.isArray()) {
            throw new KustomizeException("a patch must be a JSON 6902 list of operations: " + operations);
        }
        for (JsonNode operation : operations) {
            String op = text(operation, "op");
            List<String> path = pointer(text(operation, "path"));
            switch (op) {
                case "add" -> add(target, path, required(operation, "value"));
                case "replace" -> replace(target, path, required(operation, "value"));
                case "remove" -> remove(target, path);
                default -> throw new KustomizeException("unsupported JSON patch operation '" + op + "'");
            }
        }
    }

    private static void add(ObjectNode root, List<String> path, JsonNode value) {
        JsonNode parent = parent(root, path);
        String last = path.getLast();
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value.deepCopy());
            } else {
                array.insert(index(array, last, true), value.deepCopy());
            }
        } else {
            throw new KustomizeException("cannot add below a scalar at " + path);
        }
    }

    private static void replace(ObjectNode root, List<String> path, JsonNode value) {
        JsonNode parent = parent(root, path);
        String last = path.getLast();
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            array.set(index(array, last, false), value.deepCopy());
        } else {
            throw new KustomizeException("nothing to replace at " + path);
        }
    }

    private static void remove(ObjectNode root, List<String> path) {
        JsonNode parent = parent(root, path);
        String last = path.getLast();
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(array, last, false));
        } else {
            throw new KustomizeException("nothing to remove at " + path);
        }
    }

    private static JsonNode parent(ObjectNode root, List<String> path) {
        if (path.isEmpty()) {
            throw new KustomizeException("a patch cannot replace the whole object");
        }
        JsonNode node = root;
        for (String token : path.subList(0, path.size() - 1)) {
            node = node.isArray() ? node.path(index((ArrayNode) node, token, false)) : node.path(token);
            if (node.isMissingNode()) {
                throw new KustomizeException("patch path does not exist: /" + String.join("/", path));
            }
        }
        return node;
    }

    private static int index(ArrayNode array, String token, boolean mayBeSize) {
        int index;
        try {
            index = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new KustomizeException("not an array index: " + token);
        }
        if (index < 0 || index > array.size() || (!mayBeSize && index == array.size())) {
            throw new KustomizeException("array index out of bounds: " + token);
        }
        return index;
    }

    private static List<String> pointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new KustomizeException("a JSON pointer starts with '/': " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String text(JsonNode operation, String field) {
        return required(operation, field).asText();
    }

    private static JsonNode required(JsonNode operation, String field) {
        JsonNode value = operation.get(field);
        if (value == null) {
            throw new KustomizeException("JSON patch operation without '" + field + "': " + operation);
        }
        return value;
    }
}

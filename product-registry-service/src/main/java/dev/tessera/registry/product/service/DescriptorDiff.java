package dev.tessera.registry.product.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured difference between two descriptors. Arrays whose elements all carry a naming key
 * ({@code name}, {@code id}, {@code server}, {@code property} or {@code username}) are compared by
 * that key, so reordering ports or properties is not a change and paths read like
 * {@code outputPorts[orders].contract.schema[orders].properties[amount].logicalType}; other arrays
 * are compared by position.
 */
public final class DescriptorDiff {

    private static final List<String> NAMING_KEYS = List.of("name", "id", "server", "property", "username");

    private DescriptorDiff() {}

    /** One difference: {@code op} is added, removed or changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String op, String path, JsonNode before, JsonNode after) {}

    /** Every difference from {@code before} to {@code after}, in document order. */
    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String path, JsonNode before, JsonNode after, List<Change> out) {
        if (isAbsent(before) && isAbsent(after)) {
            return;
        }
        if (isAbsent(before)) {
            out.add(new Change("added", path, null, after));
        } else if (isAbsent(after)) {
            out.add(new Change("removed", path, before, null));
        } else if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                walk(path.isEmpty() ? key : path + "." + key, before.get(key), after.get(key), out);
            }
        } else if (before.isArray() && after.isArray()) {
            String key = namingKey(before, after);
            if (key == null) {
                int n = Math.max(before.size(), after.size());
                for (int i = 0; i < n; i++) {
                    walk(path + "[" + i + "]", before.get(i), after.get(i), out);
                }
            } else {
                Map<String, JsonNode> left = byKey(before, key);
                Map<String, JsonNode> right = byKey(after, key);
                Set<String> names = new LinkedHashSet<>(left.keySet());
                names.addAll(right.keySet());
                for (String name : names) {
                    walk(path + "[" + name + "]", left.get(name), right.get(name), out);
                }
            }
        } else if (!before.equals(after)) {
            out.add(new Change("changed", path, before, after));
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode();
    }

    private static String namingKey(JsonNode before, JsonNode after) {
        for (String key : NAMING_KEYS) {
            if (allHaveUnique(before, key) && allHaveUnique(after, key) && (before.size() + after.size()) > 0) {
                return key;
            }
        }
        return null;
    }

    private static boolean allHaveUnique(JsonNode array, String key) {
        Set<String> seen = new LinkedHashSet<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            JsonNode value = element.get(key);
            if (!element.isObject() || value == null || !value.isValueNode() || !seen.add(value.asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String key) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        array.elements().forEachRemaining(e -> map.put(e.get(key).asText(), e));
        return map;
    }
}

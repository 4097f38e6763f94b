package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns JSON documents into the plain values CEL evaluates on (maps, lists, strings, int64, double, bool, null). */
final class CelValues {

    private CelValues() {}

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), of(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(of(item)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** Fields of the {@code quality} variable that hold times: ISO-8601 text that becomes a CEL timestamp. */
    static final Set<String> QUALITY_TIMES =
            Set.of("lastCheckedAt", "lastPassedAt", "observedAt", "lastWriteAt", "deadline");

    /**
     * Like {@link #of}, except that the fields named in {@code times} (at any depth) become
     * timestamps when they hold ISO-8601 text, so that an expression can compare them with {@code now}.
     */
    static Object withTimes(JsonNode node, Set<String> times) {
        if (node != null && node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(
                        e.getKey(),
                        times.contains(e.getKey()) && e.getValue().isTextual()
                                ? timestamp(e.getValue().textValue())
                                : withTimes(e.getValue(), times));
            }
            return map;
        }
        if (node != null && node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(withTimes(item, times)));
            return list;
        }
        return of(node);
    }

    private static Object timestamp(String text) {
        try {
            // Nested values are not adapted the way declared variables are: CEL's runtime takes java.time here.
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** A list value; anything that is not an array counts as empty. */
    static List<Object> listOf(JsonNode node) {
        List<Object> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> list.add(of(item)));
        }
        return list;
    }
}

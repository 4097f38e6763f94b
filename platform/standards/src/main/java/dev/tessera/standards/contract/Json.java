package dev.tessera.standards.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient accessors over descriptor trees. Drafts are compared before (and regardless of) schema validation, so
 * every accessor treats a missing, null or ill-typed field as absent instead of failing.
 */
final class Json {

    /** An object element of an array together with its position, used as a fallback key for unnamed elements. */
    record Indexed(int index, JsonNode node) {}

    private static final int MAX_SCALE = 1_000;
    private static final int MAX_NUMBER_TEXT = 1_100;

    private Json() {}

    /** The field's value, or {@code null} when the node is not an object or the field is missing or null. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    static JsonNode object(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value != null && value.isObject() ? value : null;
    }

    /** A scalar field as text (numbers and booleans too, since YAML may type {@code version: 1.0} as a number). */
    static String scalar(JsonNode node, String name) {
        return scalar(field(node, name));
    }

    static String scalar(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A scalar field as text, with blank values treated as absent; used for names that act as matching keys. */
    static String name(JsonNode node, String name) {
        String value = scalar(node, name);
        return value == null || value.isBlank() ? null : value;
    }

    /** True only for a real boolean {@code true}; ODCS defaults every flag to false. */
    static boolean flag(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** The object elements of an array field; other elements are ill-typed and skipped. */
    static List<Indexed> objects(JsonNode node, String name) {
        JsonNode array = field(node, name);
        List<Indexed> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isObject()) {
                    result.add(new Indexed(i, array.get(i)));
                }
            }
        }
        return result;
    }

    /** The scalar elements of an array field as text, in order; absent when the field is not an array. */
    static List<String> scalars(JsonNode node, String name) {
        JsonNode array = field(node, name);
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> result = new ArrayList<>();
        array.forEach(element -> {
            String text = scalar(element);
            if (text != null) {
                result.add(text);
            }
        });
        return result;
    }

    /**
     * A number, also when written as a numeric string; {@code null} otherwise. Infinities, NaN and numbers with
     * absurd exponents (e.g. {@code 1e999999999}) count as not a number: they cannot be ordered meaningfully, and the
     * latter would make arithmetic or printing on untrusted drafts arbitrarily expensive.
     */
    static BigDecimal number(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
                return null;
            }
            return sane(value.decimalValue());
        }
        if (value.isTextual() && value.asText().length() <= MAX_NUMBER_TEXT) {
            try {
                return sane(new BigDecimal(value.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static BigDecimal sane(BigDecimal number) {
        return Math.abs(number.scale()) <= MAX_SCALE && number.precision() <= MAX_SCALE ? number : null;
    }
}

package dev.tessera.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON values as short text for a page: scalars as themselves, anything else as compact JSON, cut. */
final class JsonText {

    /** Longest text one value is shown as; longer is cut with an ellipsis. */
    static final int MAX = 300;

    private JsonText() {}

    /** The value as text, or null for a missing or null value. */
    static String of(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }

    /** An object's fields as name/value pairs in order; any other value as one pair named {@code value}. */
    static List<Map.Entry<String, String>> fields(JsonNode value) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (value == null || value.isMissingNode() || value.isNull()) {
            return fields;
        }
        if (value.isObject()) {
            value.properties().forEach(e -> {
                String text = of(e.getValue());
                fields.add(Map.entry(e.getKey(), text == null ? "null" : text));
            });
        } else {
            fields.add(Map.entry("value", of(value)));
        }
        return fields;
    }
}

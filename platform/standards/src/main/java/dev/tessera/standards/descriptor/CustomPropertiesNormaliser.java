package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves fields a standard does not define into the {@code customProperties} array of the object that holds them, so
 * that an imported document validates and nothing the author wrote is lost.
 *
 * <p>The rules are read from the JSON Schema itself rather than from hand-kept field lists, so a new schema version
 * needs no code change. For each object in the document we gather the subschemas that apply to it (following
 * {@code $ref}, {@code allOf}, type-compatible {@code anyOf}/{@code oneOf} branches and {@code if}/{@code then} whose
 * condition matches). A field is moved only when those subschemas close the object ({@code additionalProperties: false}
 * or {@code unevaluatedProperties: false}), none of them declares the field, and they do declare
 * {@code customProperties}. Objects without a {@code customProperties} array keep unknown fields, which validation
 * then reports: there is nowhere faithful to put them.
 */
final class CustomPropertiesNormaliser {

    private static final String CUSTOM_PROPERTIES = "customProperties";

    /** Recursive schemas ($ref cycles) are cut off here; real ODPS/ODCS nesting is far shallower. */
    private static final int MAX_SCHEMA_DEPTH = 64;

    private final JsonNode schemaRoot;

    CustomPropertiesNormaliser(JsonNode schemaRoot) {
        this.schemaRoot = schemaRoot;
    }

    /** Normalises {@code document} in place. */
    void normalise(ObjectNode document) {
        visit(document, List.of(schemaRoot), 0);
    }

    private void visit(JsonNode value, List<JsonNode> schemas, int depth) {
        if (schemas.isEmpty() || depth > DescriptorParser.MAX_DEPTH) {
            return;
        }
        List<JsonNode> applicable = applicable(value, schemas);
        if (value instanceof ObjectNode object) {
            visitObject(object, applicable, depth);
        } else if (value instanceof ArrayNode array) {
            List<JsonNode> itemSchemas = new ArrayList<>();
            for (JsonNode schema : applicable) {
                JsonNode items = schema.get("items");
                if (items != null && items.isObject()) {
                    itemSchemas.add(items);
                }
            }
            for (JsonNode item : array) {
                visit(item, itemSchemas, depth + 1);
            }
        }
    }

    private void visitObject(ObjectNode object, List<JsonNode> applicable, int depth) {
        Set<String> declared = new LinkedHashSet<>();
        boolean closed = false;
        boolean open = false;
        for (JsonNode schema : applicable) {
            schema.path("properties").fieldNames().forEachRemaining(declared::add);
            closed |= isFalse(schema.get("additionalProperties")) || isFalse(schema.get("unevaluatedProperties"));
            // Pattern-matched names are known too, and we do not second-guess them.
            open |= schema.has("patternProperties");
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (declared.contains(field.getKey())) {
                visit(field.getValue(), propertySchemas(applicable, field.getKey()), depth + 1);
            } else {
                unknown.add(field.getKey());
            }
        }
        JsonNode existing = object.get(CUSTOM_PROPERTIES);
        boolean canMove =
                closed && !open && declared.contains(CUSTOM_PROPERTIES) && (existing == null || existing.isArray());
        if (!canMove || unknown.isEmpty()) {
            return;
        }
        ArrayNode customProperties = existing == null ? object.putArray(CUSTOM_PROPERTIES) : (ArrayNode) existing;
        for (String name : unknown) {
            customProperties.addObject().put("property", name).set("value", object.remove(name));
        }
    }

    private static List<JsonNode> propertySchemas(List<JsonNode> applicable, String name) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode schema : applicable) {
            JsonNode property = schema.path("properties").get(name);
            if (property != null && property.isObject()) {
                result.add(property);
            }
        }
        return result;
    }

    /** The given schemas plus every subschema that also applies to {@code value}, in no particular order. */
    private List<JsonNode> applicable(JsonNode value, List<JsonNode> schemas) {
        Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode schema : schemas) {
            collect(value, schema, seen, result, 0);
        }
        return result;
    }

    private void collect(JsonNode value, JsonNode schema, Set<JsonNode> seen, List<JsonNode> out, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_SCHEMA_DEPTH || !seen.add(schema)) {
            return;
        }
        if (!typeAllows(schema.get("type"), value)) {
            return;
        }
        out.add(schema);
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
            collect(value, schemaRoot.at(ref.asText().substring(1)), seen, out, depth + 1);
        }
        for (JsonNode branch : schema.path("allOf")) {
            collect(value, branch, seen, out, depth + 1);
        }
        // Any branch might be the one that matches; a union of their fields errs towards keeping a field in place.
        for (String keyword : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(keyword)) {
                collect(value, branch, seen, out, depth + 1);
            }
        }
        JsonNode condition = schema.get("if");
        if (condition != null) {
            boolean matches = conditionHolds(condition, value, 0);
            collect(value, matches ? schema.get("then") : schema.get("else"), seen, out, depth + 1);
        }
    }

    /**
     * Evaluates the subset of JSON Schema that the standards use in {@code if}: {@code properties} with
     * {@code const}/{@code enum}, {@code required} and {@code anyOf}. Anything else counts as satisfied, which again
     * errs towards treating fields as known.
     */
    private boolean conditionHolds(JsonNode condition, JsonNode value, int depth) {
        if (!condition.isObject() || depth > MAX_SCHEMA_DEPTH) {
            return true;
        }
        if (condition.has("type") && !typeAllows(condition.get("type"), value)) {
            return false;
        }
        if (condition.has("const") && !condition.get("const").equals(value)) {
            return false;
        }
        JsonNode allowed = condition.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            return false;
        }
        if (value.isObject()) {
            for (JsonNode required : condition.path("required")) {
                if (!value.has(required.asText())) {
                    return false;
                }
            }
            for (Map.Entry<String, JsonNode> property :
                    condition.path("properties").properties()) {
                JsonNode member = value.get(property.getKey());
                if (member != null && !conditionHolds(property.getValue(), member, depth + 1)) {
                    return false;
                }
            }
        }
        JsonNode anyOf = condition.get("anyOf");
        if (anyOf != null && anyOf.isArray()) {
            boolean any = false;
            for (JsonNode branch : anyOf) {
                any |= conditionHolds(branch, value, depth + 1);
            }
            return any;
        }
        return true;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode candidate : array) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeAllows(JsonNode type, JsonNode value) {
        if (type == null) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (typeAllows(each, value)) {
                    return true;
                }
            }
            return false;
        }
        JsonNodeType actual = value.getNodeType();
        return switch (type.asText()) {
            case "object" -> actual == JsonNodeType.OBJECT;
            case "array" -> actual == JsonNodeType.ARRAY;
            case "string" -> actual == JsonNodeType.STRING;
            case "boolean" -> actual == JsonNodeType.BOOLEAN;
            case "null" -> actual == JsonNodeType.NULL;
            case "number" -> actual == JsonNodeType.NUMBER;
            case "integer" ->
                value.isIntegralNumber()
                        || (value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> true;
        };
    }

    private static boolean isFalse(JsonNode node) {
        return node != null && node.isBoolean() && !node.booleanValue();
    }
}

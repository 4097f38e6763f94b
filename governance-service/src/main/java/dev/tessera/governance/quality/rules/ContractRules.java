package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.quality.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the quality rules out of an ODCS contract.
 *
 * <p>Rules come from {@code schema[].quality[]} (object level), {@code schema[].properties[].quality[]}
 * (property level, nested properties and array {@code items} included; the column is the dotted path,
 * {@code address.city}, with {@code []} for array items, {@code tags[]}) and from a property's
 * {@code logicalTypeOptions} minimum, maximum, exclusiveMinimum and exclusiveMaximum (type
 * {@link ContractRule#RANGE}). Reading never throws: an entry with a missing operator or a threshold
 * that is not a number is still returned, and the evaluator reports it UNKNOWN with the reason.
 *
 * <p>A rule's {@code checkId} is {@code <object>/<column or *>/<metric or type>/<key>}, where the key
 * is the rule's {@code id}, else its {@code name}, else {@code #n}, its position among the rules of
 * that object, column and kind that have neither. The same contract text always gives the same ids,
 * and an edit elsewhere (another column, another kind of rule, a named rule) leaves them alone.
 */
public final class ContractRules {

    /**
     * A {@code logicalTypeOptions} bound and the reported column figure it limits; the operator that
     * figure must satisfy is {@link Threshold#RANGE_OPERATORS}'.
     */
    private record RangeOption(String option, String figure) {}

    private static final List<RangeOption> RANGE_OPTIONS = List.of(
            new RangeOption("minimum", "minimum"),
            new RangeOption("exclusiveMinimum", "minimum"),
            new RangeOption("maximum", "maximum"),
            new RangeOption("exclusiveMaximum", "maximum"));

    private ContractRules() {}

    /** Every rule of the contract, in document order; empty for a contract with none or no contract. */
    public static List<ContractRule> of(JsonNode contract) {
        if (contract == null || !contract.path("schema").isArray()) {
            return List.of();
        }
        Reader reader = new Reader();
        int index = 0;
        for (JsonNode object : contract.get("schema")) {
            if (object.isObject()) {
                reader.object(object, index);
            }
            index++;
        }
        return List.copyOf(reader.rules);
    }

    /** Walks one contract; holds the counters that make positional ids stable. */
    private static final class Reader {
        private final List<ContractRule> rules = new ArrayList<>();
        private final Map<String, Integer> positions = new HashMap<>();
        private final Set<String> ids = new HashSet<>();

        void object(JsonNode object, int index) {
            String name = nameOf(object, index);
            quality(object.path("quality"), name, null);
            properties(object.path("properties"), name, null);
        }

        private void properties(JsonNode properties, String object, String parent) {
            if (!properties.isArray()) {
                return;
            }
            int index = 0;
            for (JsonNode property : properties) {
                if (property.isObject()) {
                    String name = nameOf(property, index);
                    property(property, object, parent == null ? name : parent + "." + name);
                }
                index++;
            }
        }

        private void property(JsonNode property, String object, String column) {
            quality(property.path("quality"), object, column);
            ranges(property.path("logicalTypeOptions"), object, column);
            properties(property.path("properties"), object, column);
            JsonNode items = property.path("items");
            if (items.isObject()) {
                property(items, object, column + "[]");
            }
        }

        private void quality(JsonNode quality, String object, String column) {
            if (!quality.isArray()) {
                return;
            }
            for (JsonNode entry : quality) {
                if (entry.isObject()) {
                    rules.add(rule(entry, object, column));
                }
            }
        }

        private ContractRule rule(JsonNode entry, String object, String column) {
            String type = text(entry, "type");
            type = type == null ? "library" : type.toLowerCase(Locale.ROOT);
            String metric = null;
            if ("library".equals(type)) {
                metric = text(entry, "metric");
                if (metric == null) {
                    metric = text(entry, "rule"); // deprecated spelling of metric
                }
            }
            Threshold threshold = Threshold.of(entry);
            String operator = threshold.operator();
            String ruleId = text(entry, "id");
            String name = text(entry, "name");
            String kind = metric != null ? metric : type;
            String key = ruleId != null ? ruleId : name != null ? name : "#" + next(object, column, kind);
            String human = name != null ? name : text(entry, "description");
            if (human == null) {
                human = operator == null ? kind : kind + " " + threshold.describe();
            }
            JsonNode arguments = entry.get("arguments");
            return new ContractRule(
                    checkId(object, column, kind, key),
                    ruleId,
                    object,
                    column,
                    human,
                    type,
                    metric,
                    operator,
                    threshold.bounds(),
                    text(entry, "unit"),
                    arguments == null || arguments.isNull() ? null : arguments,
                    text(entry, "severity"));
        }

        private void ranges(JsonNode options, String object, String column) {
            if (!options.isObject()) {
                return;
            }
            for (RangeOption option : RANGE_OPTIONS) {
                JsonNode bound = options.get(option.option());
                if (bound == null || bound.isNull()) {
                    continue;
                }
                BigDecimal number = Threshold.number(bound);
                List<BigDecimal> threshold = number == null ? List.of() : List.of(number);
                rules.add(new ContractRule(
                        checkId(object, column, ContractRule.RANGE, option.option()),
                        null,
                        object,
                        column,
                        option.option() + " " + (bound.isValueNode() ? bound.asText() : bound.toString()),
                        ContractRule.RANGE,
                        option.figure(),
                        Threshold.RANGE_OPERATORS.get(option.option()),
                        threshold,
                        null,
                        null,
                        null));
            }
        }

        private int next(String object, String column, String kind) {
            return positions.merge(object + "\u0000" + column + "\u0000" + kind, 1, Integer::sum);
        }

        /** Escapes the separator inside segments; a repeated id (two rules with one name) gets {@code ~n}. */
        private String checkId(String object, String column, String kind, String key) {
            String base =
                    String.join("/", escape(object), column == null ? "*" : escape(column), escape(kind), escape(key));
            String id = base;
            for (int n = 2; !ids.add(id); n++) {
                id = base + "~" + n;
            }
            return id;
        }
    }

    private static String nameOf(JsonNode element, int index) {
        String name = text(element, "name");
        return name != null ? name : "#" + index;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static String escape(String segment) {
        return segment.replace("%", "%25").replace("/", "%2F");
    }
}

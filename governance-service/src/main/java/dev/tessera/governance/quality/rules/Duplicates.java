package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.governance.quality.rules.DatasetFacts.ColumnFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code duplicateValues} metric from per-column figures.
 *
 * <p>In rows it is the number of distinct non-null values that occur in more than one row (what
 * datacontract-cli counts). Reported figures give that number exactly only when nothing repeats;
 * otherwise they bound it: {@code n} non-null values with {@code d} distinct have {@code n - d} rows
 * that repeat an earlier value, spread over at least one and at most {@code min(n - d, d)} values.
 * The rule is decided when every count in that span gives the same outcome. In percent it is the
 * share of non-null values that repeat an earlier one, {@code (n - d) / n * 100}, which the figures
 * give exactly.
 */
final class Duplicates {

    private Duplicates() {}

    static Verdict evaluate(ContractRule rule, DatasetFacts facts, boolean percent) {
        if (rule.column() != null) {
            return column(rule, facts, rule.column(), percent);
        }
        List<String> together = properties(rule.arguments());
        if (together.isEmpty()) {
            return Verdict.unknown("duplicateValues at object level needs arguments.properties, the columns"
                    + " that together must not repeat");
        }
        if (together.size() == 1) {
            return column(rule, facts, together.getFirst(), percent);
        }
        for (String name : together) {
            ColumnFacts column = facts.column(name);
            Long values = column == null ? null : nonNull(column, facts);
            if (values != null && Long.valueOf(0).equals(column.nullCount()) && values.equals(column.distinctCount())) {
                return RuleEvaluator.decide(
                        rule,
                        BigDecimal.ZERO,
                        percent,
                        "column '" + name + "' has no null and no repeated value, so (" + String.join(", ", together)
                                + ") never repeats");
            }
        }
        return Verdict.unknown("duplicates across (" + String.join(", ", together) + ") cannot be worked out from"
                + " per-column figures unless one of those columns has no null and no repeated value");
    }

    private static Verdict column(ContractRule rule, DatasetFacts facts, String name, boolean percent) {
        ColumnFacts column = facts.column(name);
        if (column == null) {
            return Verdict.unknown("column '" + name + "' not reported in dataQualityMetrics");
        }
        if (column.distinctCount() == null) {
            return Verdict.unknown("distinctCount of column '" + name + "' not reported");
        }
        Long values = nonNull(column, facts);
        if (values == null) {
            return Verdict.unknown("duplicateValues of column '" + name + "' needs its count, or rowCount and"
                    + " its nullCount; not reported");
        }
        long distinct = column.distinctCount();
        if (distinct > values || (distinct == 0 && values > 0)) {
            return Verdict.unknown("distinctCount " + distinct + " of column '" + name + "' does not fit its " + values
                    + " non-null values; the figures disagree");
        }
        long repeats = values - distinct;
        if (percent) {
            return RuleEvaluator.decide(
                    rule,
                    RuleEvaluator.percent(repeats, values),
                    true,
                    repeats + " of " + values + " non-null values repeat an earlier one");
        }
        String how = values + " non-null values, " + distinct + " distinct";
        long low = repeats == 0 ? 0 : 1;
        long high = Math.min(repeats, distinct);
        if (low == high) {
            String exactly =
                    low == 0 ? ": no value occurs more than once" : ": exactly one value occurs more than once";
            return RuleEvaluator.decide(rule, BigDecimal.valueOf(low), false, how + exactly);
        }
        String observed = low + ".." + high;
        String reason = how + ": between " + low + " and " + high + " values occur more than once; " + rule.operator()
                + " " + rule.thresholdText();
        return switch (RuleEvaluator.decideBetween(rule.operator(), rule.threshold(), low, high)) {
            case PASS -> Verdict.pass(observed, reason);
            case FAIL -> Verdict.fail(observed, reason);
            case UNKNOWN -> Verdict.unknown(reason + " holds for some of those counts and not for others");
        };
    }

    /** Non-null values: the column's count, else rowCount minus its nullCount; null when neither is known. */
    private static Long nonNull(ColumnFacts column, DatasetFacts facts) {
        if (column.count() != null) {
            return column.count();
        }
        if (facts.rowCount() != null && column.nullCount() != null) {
            return facts.rowCount() - column.nullCount();
        }
        return null;
    }

    private static List<String> properties(JsonNode arguments) {
        JsonNode properties = arguments == null ? null : arguments.get("properties");
        List<String> names = new ArrayList<>();
        if (properties != null && properties.isArray()) {
            properties.forEach(name -> {
                if (name.isTextual() && !name.asText().isBlank()) {
                    names.add(name.asText());
                }
            });
        }
        return names;
    }
}

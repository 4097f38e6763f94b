package dev.tessera.standards.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.contract.Matching.Match;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a contract's {@code slaProperties}, matched by {@code property} plus {@code element} when present.
 *
 * <p>An SLA is weakened (breaking) when it is removed, when a time-to-something value grows (latency, freshness,
 * frequency, timeToDetect, timeToNotify, timeToRepair), when availability or retention shrinks, or when endOfSupport
 * or endOfLife moves earlier. Values are compared only when both units are the same after folding the spellings ODCS
 * allows ({@code d}, {@code day}, {@code days}); converting between units would need guesses such as the length of a
 * month, so a unit change is reported as a non-breaking {@code sla-changed} for a human to review. Every other change,
 * and an added SLA, is a non-breaking {@code sla-changed}.
 */
final class SlaRules {

    private static final Set<String> LOWER_IS_BETTER =
            Set.of("latency", "freshness", "frequency", "timetodetect", "timetonotify", "timetorepair");
    private static final Set<String> HIGHER_IS_BETTER = Set.of("availability", "retention");
    private static final Set<String> LATER_IS_BETTER = Set.of("endofsupport", "endoflife");

    private static final Map<String, String> UNIT_ALIASES = Map.ofEntries(
            Map.entry("ms", "ms"),
            Map.entry("millisecond", "ms"),
            Map.entry("milliseconds", "ms"),
            Map.entry("s", "s"),
            Map.entry("sec", "s"),
            Map.entry("secs", "s"),
            Map.entry("second", "s"),
            Map.entry("seconds", "s"),
            Map.entry("min", "min"),
            Map.entry("mins", "min"),
            Map.entry("minute", "min"),
            Map.entry("minutes", "min"),
            Map.entry("h", "h"),
            Map.entry("hr", "h"),
            Map.entry("hrs", "h"),
            Map.entry("hour", "h"),
            Map.entry("hours", "h"),
            Map.entry("d", "d"),
            Map.entry("day", "d"),
            Map.entry("days", "d"),
            Map.entry("w", "w"),
            Map.entry("week", "w"),
            Map.entry("weeks", "w"),
            Map.entry("month", "month"),
            Map.entry("months", "month"),
            Map.entry("y", "y"),
            Map.entry("yr", "y"),
            Map.entry("yrs", "y"),
            Map.entry("year", "y"),
            Map.entry("years", "y"),
            Map.entry("percent", "%"));

    private SlaRules() {}

    static void compare(String contractPath, JsonNode before, JsonNode after, Findings out) {
        for (Match match : Matching.match(
                Json.objects(before, "slaProperties"), Json.objects(after, "slaProperties"), SlaRules::key)) {
            String path = contractPath + ".slaProperties[" + match.label() + "]";
            if (match.after() == null) {
                out.breaking(
                        ChangeRules.SLA_WEAKENED,
                        path,
                        "SLA %s was removed; consumers relying on it lose the guarantee."
                                .formatted(describe(match.before())));
            } else if (match.before() == null) {
                out.nonBreaking(ChangeRules.SLA_CHANGED, path, "SLA %s was added.".formatted(describe(match.after())));
            } else {
                compareValues(path, match.before(), match.after(), out);
            }
        }
    }

    private static void compareValues(String path, JsonNode before, JsonNode after, Findings out) {
        JsonNode oldValue = Json.field(before, "value");
        JsonNode newValue = Json.field(after, "value");
        String oldUnit = unit(before);
        String newUnit = unit(after);
        boolean sameValue = Objects.equals(Json.scalar(oldValue), Json.scalar(newValue))
                || Objects.equals(ConstraintRules.compareValues(oldValue, newValue), 0);
        boolean sameExt = Objects.equals(Json.scalar(before, "valueExt"), Json.scalar(after, "valueExt"));
        if (sameValue && sameExt && oldUnit.equals(newUnit)) {
            return;
        }
        String change = "SLA %s changed from %s to %s"
                .formatted(Json.scalar(before, "property"), describeValue(before), describeValue(after));
        if (!oldUnit.equals(newUnit)) {
            out.nonBreaking(
                    ChangeRules.SLA_CHANGED,
                    path,
                    change
                            + "; the units differ, so the values were not compared. Check that the new SLA is not weaker.");
            return;
        }
        if (weakened(Json.scalar(before, "property"), oldValue, newValue)) {
            out.breaking(ChangeRules.SLA_WEAKENED, path, change + "; consumers get a weaker guarantee than published.");
        } else {
            out.nonBreaking(ChangeRules.SLA_CHANGED, path, change + ".");
        }
    }

    private static boolean weakened(String property, JsonNode oldValue, JsonNode newValue) {
        String kind = property == null ? "" : property.toLowerCase(Locale.ROOT);
        if (LATER_IS_BETTER.contains(kind)) {
            Integer order = ConstraintRules.compareValues(newValue, oldValue);
            return order != null && order < 0;
        }
        BigDecimal oldNumber = number(oldValue);
        BigDecimal newNumber = number(newValue);
        if (oldNumber == null || newNumber == null) {
            return false;
        }
        int order = newNumber.compareTo(oldNumber);
        return LOWER_IS_BETTER.contains(kind) && order > 0 || HIGHER_IS_BETTER.contains(kind) && order < 0;
    }

    /** Availability is often written as {@code "99.9%"}; the percent sign carries no information for ordering. */
    private static BigDecimal number(JsonNode value) {
        BigDecimal number = Json.number(value);
        if (number == null
                && value != null
                && value.isTextual()
                && value.asText().trim().endsWith("%")) {
            String digits = value.asText().trim();
            try {
                return new BigDecimal(digits.substring(0, digits.length() - 1).trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return number;
    }

    private static String key(JsonNode sla) {
        String property = Json.name(sla, "property");
        String element = Json.name(sla, "element");
        if (property == null) {
            return null;
        }
        return element == null ? property : property + "@" + element;
    }

    private static String unit(JsonNode sla) {
        String unit = Json.scalar(sla, "unit");
        if (unit == null) {
            return "";
        }
        String folded = unit.trim().toLowerCase(Locale.ROOT);
        return UNIT_ALIASES.getOrDefault(folded, folded);
    }

    private static String describe(JsonNode sla) {
        String key = key(sla);
        return "%s (%s)".formatted(key == null ? "(unnamed)" : key, describeValue(sla));
    }

    private static String describeValue(JsonNode sla) {
        String value = Json.scalar(sla, "value");
        String unit = Json.scalar(sla, "unit");
        return unit == null ? String.valueOf(value) : value + " " + unit;
    }
}

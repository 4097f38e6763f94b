package dev.tessera.standards.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The comparison an ODCS quality rule states: an operator ({@code mustBe}, {@code mustBeGreaterThan},
 * {@code mustBeBetween}, ...) and its numeric operand. Governance decides a contract's rules with it and
 * {@code tessera test} checks tables with it, so a value passes in one exactly when it passes in the other.
 *
 * <p>Numbers compare by value ({@code 5} equals {@code 5.00}); {@code mustBeBetween} includes both bounds and
 * {@code mustNotBeBetween} holds only strictly outside them. A threshold read from a contract may be unusable (no
 * operator, several, a bound that is not a number, between bounds the wrong way round): {@link #problem()} then says
 * why, and it decides nothing.
 *
 * @param operator the ODCS operator; null when the rule states none, and every stated operator joined with {@code ", "}
 *     when it states several
 * @param bounds the operand: one number, or two (smallest first) for the between operators; empty when the operand is
 *     not a number (or two numbers)
 */
public record Threshold(String operator, List<BigDecimal> bounds) {

    /** ODCS comparison operators, in the order the standard lists them. */
    public static final List<String> OPERATORS = List.of(
            "mustBe",
            "mustNotBe",
            "mustBeGreaterThan",
            "mustBeGreaterOrEqualTo",
            "mustBeLessThan",
            "mustBeLessOrEqualTo",
            "mustBeBetween",
            "mustNotBeBetween");

    /**
     * The operator each {@code logicalTypeOptions} bound of an ODCS property stands for, applied to the column's least
     * (minimum options) or greatest (maximum options) value.
     */
    public static final Map<String, String> RANGE_OPERATORS = Map.of(
            "minimum", "mustBeGreaterOrEqualTo",
            "exclusiveMinimum", "mustBeGreaterThan",
            "maximum", "mustBeLessOrEqualTo",
            "exclusiveMaximum", "mustBeLessThan");

    public Threshold {
        // Not List.copyOf: a null bound is kept, so that it is reported rather than thrown on.
        bounds = bounds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(bounds));
    }

    /**
     * The threshold an ODCS quality rule states, read as written; never throws. A rule stating no operator gives a null
     * operator, one stating several gives them all, and an operand that is not a number gives no bounds.
     */
    public static Threshold of(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            return new Threshold(null, List.of());
        }
        List<String> stated = OPERATORS.stream().filter(rule::has).toList();
        if (stated.size() != 1) {
            return new Threshold(stated.isEmpty() ? null : String.join(", ", stated), List.of());
        }
        String operator = stated.getFirst();
        return new Threshold(operator, operand(operator, rule.get(operator)));
    }

    /** Whether the operator takes two bounds. */
    public static boolean isBetween(String operator) {
        return "mustBeBetween".equals(operator) || "mustNotBeBetween".equals(operator);
    }

    /** A JSON number, or a string holding one (YAML authors quote numbers); null for anything else. */
    public static BigDecimal number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /**
     * Why this threshold cannot decide a value, in words for the contract's author; null when it can. A between whose
     * bounds are the wrong way round is refused here, though {@link #holds} still compares it as written.
     */
    public String problem() {
        if (operator == null) {
            return "the rule states no operator (mustBe, mustBeLessThan, mustBeBetween, ...)";
        }
        if (operator.contains(",")) {
            return "the rule states several operators (" + operator + "); ODCS allows one";
        }
        if (!OPERATORS.contains(operator)) {
            return "'" + operator + "' is not an ODCS operator";
        }
        if (!arityFits()) {
            return isBetween(operator) ? operator + " needs two numbers, smallest first" : operator + " needs a number";
        }
        if (isBetween(operator) && bounds.get(0).compareTo(bounds.get(1)) > 0) {
            return operator + " " + text() + " must list the smallest number first";
        }
        return null;
    }

    /**
     * Whether {@code observed} satisfies the threshold. False when it is null, the operator is not one ODCS states, or
     * the bounds do not fit the operator (a number missing, one too many).
     */
    public boolean holds(BigDecimal observed) {
        if (observed == null || operator == null || !arityFits()) {
            return false;
        }
        BigDecimal first = bounds.getFirst();
        return switch (operator) {
            case "mustBe" -> observed.compareTo(first) == 0;
            case "mustNotBe" -> observed.compareTo(first) != 0;
            case "mustBeGreaterThan" -> observed.compareTo(first) > 0;
            case "mustBeGreaterOrEqualTo" -> observed.compareTo(first) >= 0;
            case "mustBeLessThan" -> observed.compareTo(first) < 0;
            case "mustBeLessOrEqualTo" -> observed.compareTo(first) <= 0;
            case "mustBeBetween" -> within(observed);
            case "mustNotBeBetween" -> !within(observed);
            default -> false;
        };
    }

    /** The bounds as a contract's author wrote them: {@code 100}, {@code [0, 5]}; {@code none} when there are none. */
    public String text() {
        if (bounds.isEmpty() || bounds.stream().anyMatch(Objects::isNull)) {
            return "none";
        }
        if (bounds.size() == 1) {
            return bounds.getFirst().toPlainString();
        }
        return bounds.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Operator and bounds for people: {@code mustBeBetween [0, 5]}. */
    public String describe() {
        return operator + " " + text();
    }

    private static List<BigDecimal> operand(String operator, JsonNode operand) {
        if (isBetween(operator)) {
            if (!operand.isArray() || operand.size() != 2) {
                return List.of();
            }
            BigDecimal low = number(operand.get(0));
            BigDecimal high = number(operand.get(1));
            return low == null || high == null ? List.of() : List.of(low, high);
        }
        BigDecimal value = number(operand);
        return value == null ? List.of() : List.of(value);
    }

    private boolean arityFits() {
        return bounds.stream().noneMatch(Objects::isNull) && bounds.size() == (isBetween(operator) ? 2 : 1);
    }

    private boolean within(BigDecimal observed) {
        return observed.compareTo(bounds.get(0)) >= 0 && observed.compareTo(bounds.get(1)) <= 0;
    }
}

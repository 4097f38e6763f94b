package dev.tessera.cli.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * An ODCS quality rule's operator and threshold, compared as governance compares them: by decimal value, between
 * bounds included, not-between strictly outside.
 *
 * @param operator the ODCS operator ({@code mustBe}, {@code mustBeGreaterThan}, ...)
 * @param bounds one threshold, or two for the between operators
 */
record Threshold(String operator, List<BigDecimal> bounds) {

    static final List<String> OPERATORS = List.of(
            "mustBe",
            "mustNotBe",
            "mustBeGreaterThan",
            "mustBeGreaterOrEqualTo",
            "mustBeLessThan",
            "mustBeLessOrEqualTo",
            "mustBeBetween",
            "mustNotBeBetween");

    /** The rule's threshold, or null when it states none, several, or one that is not a number. */
    static Threshold of(JsonNode rule) {
        List<String> stated = OPERATORS.stream().filter(rule::has).toList();
        if (stated.size() != 1) {
            return null;
        }
        String operator = stated.getFirst();
        JsonNode operand = rule.get(operator);
        if (operator.endsWith("Between")) {
            BigDecimal low = operand.isArray() && operand.size() == 2 ? number(operand.get(0)) : null;
            BigDecimal high = operand.isArray() && operand.size() == 2 ? number(operand.get(1)) : null;
            return low == null || high == null ? null : new Threshold(operator, List.of(low, high));
        }
        BigDecimal value = number(operand);
        return value == null ? null : new Threshold(operator, List.of(value));
    }

    boolean holds(BigDecimal value) {
        BigDecimal first = bounds.getFirst();
        return switch (operator) {
            case "mustBe" -> value.compareTo(first) == 0;
            case "mustNotBe" -> value.compareTo(first) != 0;
            case "mustBeGreaterThan" -> value.compareTo(first) > 0;
            case "mustBeGreaterOrEqualTo" -> value.compareTo(first) >= 0;
            case "mustBeLessThan" -> value.compareTo(first) < 0;
            case "mustBeLessOrEqualTo" -> value.compareTo(first) <= 0;
            case "mustBeBetween" -> value.compareTo(first) >= 0 && value.compareTo(bounds.get(1)) <= 0;
            case "mustNotBeBetween" -> value.compareTo(first) < 0 || value.compareTo(bounds.get(1)) > 0;
            default -> false;
        };
    }

    String describe() {
        return operator + " "
                + (bounds.size() == 1
                        ? bounds.getFirst().toPlainString()
                        : "[" + bounds.get(0).toPlainString() + ", "
                                + bounds.get(1).toPlainString() + "]");
    }

    static BigDecimal number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

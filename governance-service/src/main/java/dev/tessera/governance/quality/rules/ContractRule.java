package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.quality.Threshold;
import java.math.BigDecimal;
import java.util.List;

/**
 * One quality rule an ODCS contract states, at object level ({@code schema[].quality[]}) or at
 * property level ({@code schema[].properties[].quality[]}), or a value range a property's
 * {@code logicalTypeOptions} state (minimum, maximum, exclusiveMinimum, exclusiveMaximum).
 *
 * @param checkId stable id of the rule within its contract: the same contract text gives the same
 *     id, and pushed results name a rule by it (or by the rule's own {@code id} or {@code name})
 * @param ruleId the rule's own ODCS {@code id}, when it has one
 * @param object the schema object (table) the rule belongs to
 * @param column the property (column) the rule is about; null for object-level rules
 * @param name a human name: the rule's {@code name}, else its description, else metric and operator
 * @param type library, sql, text, custom, or range (from logicalTypeOptions)
 * @param metric the library metric (rowCount, nullValues, missingValues, invalidValues,
 *     duplicateValues) or {@code minimum}/{@code maximum} for ranges; null for other types
 * @param operator the ODCS comparison operator (mustBe, mustNotBe, mustBeGreaterThan,
 *     mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween);
 *     null when the rule states none (text rules); when an entry states several, all of them joined
 *     with {@code ", "} (such a rule is never decided)
 * @param threshold the operator's operand: one number, or two for the between operators; empty when
 *     the contract's operand is not a number (or two numbers), which leaves the rule UNKNOWN
 * @param unit {@code rows} or {@code percent} (library metrics); null when not given
 * @param arguments the rule's {@code arguments}, when given
 * @param severity the rule's severity, when given
 */
public record ContractRule(
        String checkId,
        String ruleId,
        String object,
        String column,
        String name,
        String type,
        String metric,
        String operator,
        List<BigDecimal> threshold,
        String unit,
        JsonNode arguments,
        String severity) {

    /** The type of rules read from a property's {@code logicalTypeOptions}. */
    public static final String RANGE = "range";

    /**
     * The threshold as the contract wrote it, for people: {@code 100}, {@code [0, 5]}; {@code none}
     * when the rule has no numeric threshold.
     */
    public String thresholdText() {
        return comparison().text();
    }

    /** The operator and threshold as the comparison shared with {@code tessera test}. */
    public Threshold comparison() {
        return new Threshold(operator, threshold);
    }
}

package dev.tessera.governance.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.governance.quality.rules.DatasetFacts.ColumnFacts;
import dev.tessera.standards.quality.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides a contract's rules from reported facts; the semantics are written down in docs/quality.md
 * (section "Rule semantics"). A verdict is PASS or FAIL only when the facts settle it; everything
 * else is UNKNOWN with a reason that names what is missing, and UNKNOWN never counts as passing.
 */
public final class RuleEvaluator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Percentages are worked out to six decimals, as datacontract-cli rounds them. */
    private static final int PERCENT_SCALE = 6;

    private RuleEvaluator() {}

    /** Decides one rule; UNKNOWN when the facts cannot decide it (sql, text, custom, missing figures). */
    public static Verdict evaluate(ContractRule rule, DatasetFacts facts) {
        if (rule == null) {
            return Verdict.unknown("no rule given");
        }
        DatasetFacts known = facts == null ? DatasetFacts.none() : facts;
        String type = rule.type() == null ? "library" : rule.type();
        return switch (type) {
            case "sql", "text", "custom" ->
                Verdict.unknown("a " + type + " rule is decided by a result its producer pushes, not from metrics");
            case ContractRule.RANGE -> range(rule, known);
            case "library" -> library(rule, known);
            default -> Verdict.unknown("type '" + type + "' is not an ODCS quality type (library, sql, text, custom)");
        };
    }

    private static Verdict library(ContractRule rule, DatasetFacts facts) {
        if (rule.metric() == null) {
            return Verdict.unknown("the library rule names no metric");
        }
        Verdict malformed = malformed(rule);
        if (malformed != null) {
            return malformed;
        }
        String unit = rule.unit() == null ? "rows" : rule.unit().toLowerCase(Locale.ROOT);
        if (!unit.equals("rows") && !unit.equals("percent")) {
            return Verdict.unknown("unit '" + rule.unit() + "' is neither rows nor percent");
        }
        boolean percent = unit.equals("percent");
        return switch (rule.metric()) {
            case "rowCount" -> rowCount(rule, facts, percent);
            case "nullValues" -> nullValues(rule, facts, percent);
            case "missingValues" -> missingValues(rule, facts, percent);
            case "invalidValues" ->
                Verdict.unknown("invalidValues needs each value checked against validValues or pattern;"
                        + " reported metrics carry only counts");
            case "duplicateValues" -> Duplicates.evaluate(rule, facts, percent);
            default ->
                Verdict.unknown("metric '" + rule.metric() + "' is not an ODCS library metric (rowCount,"
                        + " nullValues, missingValues, invalidValues, duplicateValues)");
        };
    }

    private static Verdict rowCount(ContractRule rule, DatasetFacts facts, boolean percent) {
        if (facts.rowCount() == null) {
            return Verdict.unknown("rowCount not reported (dataQualityMetrics.rowCount or outputStatistics.rowCount)");
        }
        String how = "rowCount " + facts.rowCount()
                + (percent ? "; unit percent has no meaning for rowCount, so rows are compared" : "");
        return decide(rule, BigDecimal.valueOf(facts.rowCount()), false, how);
    }

    private static Verdict nullValues(ContractRule rule, DatasetFacts facts, boolean percent) {
        if (rule.column() == null) {
            return Verdict.unknown(rule.metric() + " is about a column; this rule is at object level");
        }
        ColumnFacts column = facts.column(rule.column());
        if (column == null) {
            return Verdict.unknown("column '" + rule.column() + "' not reported in dataQualityMetrics");
        }
        if (column.nullCount() == null) {
            return Verdict.unknown("nullCount of column '" + rule.column() + "' not reported");
        }
        long nulls = column.nullCount();
        if (!percent) {
            return decide(rule, BigDecimal.valueOf(nulls), false, "nullCount " + nulls);
        }
        Long rows = facts.rowCount();
        String of = "rowCount";
        if (rows == null && column.count() != null) {
            rows = column.count() + nulls;
            of = "count + nullCount";
        }
        if (rows == null) {
            return Verdict.unknown("a percentage of rows needs rowCount, or count of column '" + rule.column()
                    + "'; neither was reported");
        }
        if (nulls > rows) {
            return Verdict.unknown("nullCount " + nulls + " exceeds " + of + " " + rows + "; the figures disagree");
        }
        return decide(rule, percent(nulls, rows), true, "nullCount " + nulls + " of " + of + " " + rows);
    }

    private static Verdict missingValues(ContractRule rule, DatasetFacts facts, boolean percent) {
        JsonNode missing = rule.arguments() == null ? null : rule.arguments().get("missingValues");
        if (missing != null && !missing.isNull()) {
            List<String> extra = new ArrayList<>();
            if (missing.isArray()) {
                missing.forEach(value -> {
                    if (!value.isNull()) {
                        extra.add(value.toString());
                    }
                });
            } else {
                extra.add(missing.toString());
            }
            if (!extra.isEmpty()) {
                return Verdict.unknown("missingValues counts " + String.join(", ", extra)
                        + " as missing; nullCount counts only nulls");
            }
        }
        return nullValues(rule, facts, percent);
    }

    private static Verdict range(ContractRule rule, DatasetFacts facts) {
        if (rule.threshold() == null || rule.threshold().isEmpty()) {
            return Verdict.unknown(rule.name() + " is not a number; reported min and max are numbers");
        }
        ColumnFacts column = facts.column(rule.column());
        if (column == null) {
            return Verdict.unknown("column '" + rule.column() + "' not reported in dataQualityMetrics");
        }
        boolean minimum = "minimum".equals(rule.metric());
        BigDecimal observed = minimum ? column.min() : column.max();
        if (observed == null) {
            return Verdict.unknown((minimum ? "min" : "max") + " of column '" + rule.column() + "' not reported");
        }
        return decide(rule, observed, false, (minimum ? "min " : "max ") + observed.toPlainString());
    }

    /** Why a rule's operator or threshold cannot be used; null when they can. */
    static Verdict malformed(ContractRule rule) {
        String problem = rule.comparison().problem();
        return problem == null ? null : Verdict.unknown(problem);
    }

    /** Decides a rule whose observed value is known exactly. */
    static Verdict decide(ContractRule rule, BigDecimal observed, boolean percent, String how) {
        String text =
                percent ? percentText(observed) : observed.stripTrailingZeros().toPlainString();
        String reason = how + (percent ? " = " + text : "") + "; " + rule.operator() + " " + rule.thresholdText();
        return rule.comparison().holds(observed) ? Verdict.pass(text, reason) : Verdict.fail(text, reason);
    }

    /**
     * Decides a rule whose observed whole number is only known to lie between {@code low} and {@code
     * high}: PASS when every whole number there passes, FAIL when none does, else UNKNOWN. The
     * comparison's outcome only changes at a threshold, so testing both ends and the whole numbers
     * beside each threshold visits every stretch where it could differ.
     */
    static Verdict.Outcome decideBetween(String operator, List<BigDecimal> threshold, long low, long high) {
        Threshold comparison = new Threshold(operator, threshold);
        List<Long> candidates = new ArrayList<>(List.of(low, high));
        for (BigDecimal bound : threshold) {
            if (bound.compareTo(BigDecimal.valueOf(low)) < 0 || bound.compareTo(BigDecimal.valueOf(high)) > 0) {
                continue; // outside the stretch, the ends already stand for it
            }
            long floor = bound.setScale(0, RoundingMode.FLOOR).longValue();
            long ceiling = bound.setScale(0, RoundingMode.CEILING).longValue();
            for (long candidate : new long[] {floor - 1, floor, ceiling, ceiling + 1}) {
                if (candidate > low && candidate < high) {
                    candidates.add(candidate);
                }
            }
        }
        boolean anyHolds = false;
        boolean anyFails = false;
        for (long candidate : candidates) {
            if (comparison.holds(BigDecimal.valueOf(candidate))) {
                anyHolds = true;
            } else {
                anyFails = true;
            }
        }
        return anyHolds && anyFails ? Verdict.Outcome.UNKNOWN : anyHolds ? Verdict.Outcome.PASS : Verdict.Outcome.FAIL;
    }

    /** {@code part / whole * 100} to six decimals; 0 of 0 is 0%, as datacontract-cli reports it. */
    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(part)
                .multiply(HUNDRED)
                .divide(BigDecimal.valueOf(whole), PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }

    static String percentText(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString() + "%";
    }
}

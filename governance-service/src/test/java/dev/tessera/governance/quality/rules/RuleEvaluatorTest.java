package dev.tessera.governance.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.governance.quality.rules.DatasetFacts.ColumnFacts;
import dev.tessera.governance.quality.rules.Verdict.Outcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    @Test
    void aPercentIsWorkedOutFromTheDatasetRowsAndShownWithItsSign() {
        Verdict verdict = RuleEvaluator.evaluate(
                rule("email", "nullValues", "mustBeLessThan", "percent", 15), facts(80L, "email", nulls(10L, null)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.observed()).isEqualTo("12.5%");
        assertThat(verdict.reason()).contains("nullCount 10 of rowCount 80");
    }

    @Test
    void withoutDatasetRowsAPercentUsesTheColumnsValuesPlusItsNulls() {
        Verdict verdict = RuleEvaluator.evaluate(
                rule("email", "nullValues", "mustBe", "percent", 25), facts(null, "email", nulls(10L, 30L)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.observed()).isEqualTo("25%");
        assertThat(verdict.reason()).contains("count + nullCount 40");
    }

    @Test
    void anEmptyDatasetHasNoNullsInPercent() {
        Verdict verdict = RuleEvaluator.evaluate(
                rule("email", "nullValues", "mustBe", "percent", 0), facts(0L, "email", nulls(0L, 0L)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.observed()).isEqualTo("0%");
    }

    @Test
    void nullCountsThatExceedTheRowsAreNotTrusted() {
        Verdict verdict = RuleEvaluator.evaluate(
                rule("email", "nullValues", "mustBeLessThan", "percent", 50), facts(5L, "email", nulls(10L, null)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(verdict.reason()).contains("the figures disagree");
    }

    @Test
    void aColumnIsFoundWhenTheProducerReportsItInAnotherCase() {
        Verdict verdict = RuleEvaluator.evaluate(
                rule("email", "nullValues", "mustBe", null, 0), facts(10L, "EMAIL", nulls(0L, 10L)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void missingFactsLeaveARuleUnknownAndNameWhatIsMissing() {
        DatasetFacts nothing = DatasetFacts.none();

        assertThat(RuleEvaluator.evaluate(rule(null, "rowCount", "mustBeGreaterThan", null, 0), nothing))
                .isEqualTo(Verdict.unknown(
                        "rowCount not reported (dataQualityMetrics.rowCount or outputStatistics.rowCount)"));
        assertThat(RuleEvaluator.evaluate(rule("email", "nullValues", "mustBe", null, 0), nothing)
                        .reason())
                .isEqualTo("column 'email' not reported in dataQualityMetrics");
        assertThat(RuleEvaluator.evaluate(rule("email", "nullValues", "mustBe", null, 0), null)
                        .outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void pushedRuleTypesAreNeverDecidedFromMetrics() {
        for (String type : List.of("sql", "text", "custom")) {
            ContractRule rule = new ContractRule(
                    "orders/*/" + type + "/#1",
                    null,
                    "orders",
                    null,
                    type,
                    type,
                    null,
                    "mustBe",
                    List.of(BigDecimal.ZERO),
                    null,
                    null,
                    null);

            assertThat(RuleEvaluator.evaluate(rule, facts(100L, "id", nulls(0L, 100L)))
                            .outcome())
                    .as(type)
                    .isEqualTo(Outcome.UNKNOWN);
        }
    }

    @Test
    void aRuleWithoutOperatorIsUnknown() {
        ContractRule rule = new ContractRule(
                "orders/*/rowCount/#1",
                null,
                "orders",
                null,
                "rowCount",
                "library",
                "rowCount",
                null,
                List.of(),
                null,
                null,
                null);

        Verdict verdict = RuleEvaluator.evaluate(rule, facts(100L, "id", nulls(0L, 100L)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(verdict.observed()).isNull();
        assertThat(verdict.reason()).contains("states no operator");
    }

    @Test
    void aSpanOfPossibleCountsIsDecidedOnlyWhenEveryCountInItAgrees() {
        List<BigDecimal> ten = List.of(BigDecimal.TEN);
        assertThat(RuleEvaluator.decideBetween("mustBeLessThan", ten, 1, 9)).isEqualTo(Outcome.PASS);
        assertThat(RuleEvaluator.decideBetween("mustBeLessThan", ten, 10, 30)).isEqualTo(Outcome.FAIL);
        assertThat(RuleEvaluator.decideBetween("mustBeLessThan", ten, 1, 30)).isEqualTo(Outcome.UNKNOWN);
        assertThat(RuleEvaluator.decideBetween("mustNotBe", ten, 1, 30)).isEqualTo(Outcome.UNKNOWN);
        assertThat(RuleEvaluator.decideBetween("mustNotBe", List.of(new BigDecimal("10.5")), 1, 30))
                .isEqualTo(Outcome.PASS);
        assertThat(RuleEvaluator.decideBetween("mustBe", List.of(new BigDecimal("10.5")), 1, 30))
                .isEqualTo(Outcome.FAIL);
        assertThat(RuleEvaluator.decideBetween(
                        "mustNotBeBetween", List.of(new BigDecimal("10.2"), new BigDecimal("10.8")), 1, 30))
                .isEqualTo(Outcome.PASS);
        assertThat(RuleEvaluator.decideBetween(
                        "mustBeBetween", List.of(BigDecimal.ZERO, BigDecimal.valueOf(99)), 1, 30))
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void duplicatesAreDecidedWhenTheirPossibleCountsAllAgree() {
        DatasetFacts facts = facts(100L, "city", new ColumnFacts(0L, 60L, 100L, null, null));

        Verdict none = RuleEvaluator.evaluate(rule("city", "duplicateValues", "mustBe", null, 0), facts);
        Verdict fewerThanTen =
                RuleEvaluator.evaluate(rule("city", "duplicateValues", "mustBeLessThan", null, 10), facts);

        assertThat(none.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(none.observed()).isEqualTo("1..40");
        assertThat(fewerThanTen.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fewerThanTen.reason()).contains("between 1 and 40 values occur more than once");
    }

    private static ContractRule rule(String column, String metric, String operator, String unit, int threshold) {
        return new ContractRule(
                "orders/" + (column == null ? "*" : column) + "/" + metric + "/#1",
                null,
                "orders",
                column,
                metric,
                "library",
                metric,
                operator,
                List.of(BigDecimal.valueOf(threshold)),
                unit,
                null,
                null);
    }

    private static ColumnFacts nulls(Long nullCount, Long count) {
        return new ColumnFacts(nullCount, null, count, null, null);
    }

    private static DatasetFacts facts(Long rowCount, String column, ColumnFacts figures) {
        return new DatasetFacts(rowCount, Map.of(column, figures));
    }
}

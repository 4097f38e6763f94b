package dev.tessera.standards.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<BigDecimal> ONE_TO_FIVE = List.of(BigDecimal.ONE, BigDecimal.valueOf(5));

    @ParameterizedTest(name = "{0} {1}, observed {2} -> {3}")
    @CsvSource({
        "mustBe, 5, 5.00, true",
        "mustBe, 5.0, 5, true",
        "mustBe, 5, 6, false",
        "mustNotBe, 5, 6, true",
        "mustNotBe, 5.00, 5, false",
        "mustBeGreaterThan, 5, 6, true",
        "mustBeGreaterThan, 5, 5, false",
        "mustBeGreaterOrEqualTo, 5, 5, true",
        "mustBeGreaterOrEqualTo, 5, 4.99, false",
        "mustBeLessThan, 5, 4.99, true",
        "mustBeLessThan, 5, 5, false",
        "mustBeLessOrEqualTo, 5, 5, true",
        "mustBeLessOrEqualTo, 5, 5.01, false",
    })
    void singleBoundOperatorsCompareNumbersByValue(
            String operator, BigDecimal bound, BigDecimal observed, boolean holds) {
        assertThat(new Threshold(operator, List.of(bound)).holds(observed)).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} [1, 5], observed {1} -> {2}")
    @CsvSource({
        "mustBeBetween, 1, true",
        "mustBeBetween, 5.0, true",
        "mustBeBetween, 3, true",
        "mustBeBetween, 0.999, false",
        "mustBeBetween, 5.001, false",
        "mustNotBeBetween, 1, false",
        "mustNotBeBetween, 5, false",
        "mustNotBeBetween, 3, false",
        "mustNotBeBetween, 0.999, true",
        "mustNotBeBetween, 5.001, true",
    })
    void betweenIncludesBothBoundsAndNotBetweenHoldsOnlyStrictlyOutside(
            String operator, BigDecimal observed, boolean holds) {
        assertThat(new Threshold(operator, ONE_TO_FIVE).holds(observed)).isEqualTo(holds);
    }

    @Test
    void aComparisonThatCannotBeMadeNeverHolds() {
        List<BigDecimal> five = List.of(BigDecimal.valueOf(5));
        assertThat(new Threshold(null, five).holds(BigDecimal.ONE)).isFalse();
        assertThat(new Threshold("mustBeAbout", five).holds(BigDecimal.valueOf(5)))
                .isFalse();
        assertThat(new Threshold("mustBe", five).holds(null)).isFalse();
        assertThat(new Threshold("mustBe", null).holds(BigDecimal.valueOf(5))).isFalse();
        assertThat(new Threshold("mustBe", Arrays.asList((BigDecimal) null)).holds(BigDecimal.ONE))
                .isFalse();
        assertThat(new Threshold("mustBe", ONE_TO_FIVE).holds(BigDecimal.ONE)).isFalse();
        assertThat(new Threshold("mustBeBetween", five).holds(BigDecimal.valueOf(5)))
                .isFalse();
        assertThat(new Threshold("mustNotBeBetween", five).holds(BigDecimal.valueOf(5)))
                .isFalse();
    }

    @Test
    void aRuleIsReadWithItsOperatorAndNumbersWrittenAsNumbersOrStrings() {
        Threshold greater = Threshold.of(rule("{\"metric\": \"rowCount\", \"mustBeGreaterThan\": \"100\"}"));
        Threshold between = Threshold.of(rule("{\"mustBeBetween\": [0, \"2.5\"]}"));

        assertThat(greater).isEqualTo(new Threshold("mustBeGreaterThan", List.of(BigDecimal.valueOf(100))));
        assertThat(greater.problem()).isNull();
        assertThat(greater.holds(new BigDecimal("100.5"))).isTrue();
        assertThat(greater.describe()).isEqualTo("mustBeGreaterThan 100");
        assertThat(between.bounds()).containsExactly(BigDecimal.ZERO, new BigDecimal("2.5"));
        assertThat(between.describe()).isEqualTo("mustBeBetween [0, 2.5]");
    }

    @Test
    void badInputIsReadWithoutThrowingAndItsProblemSaysWhatToFix() {
        assertThat(Threshold.of(rule("{\"metric\": \"rowCount\"}")).problem())
                .isEqualTo("the rule states no operator (mustBe, mustBeLessThan, mustBeBetween, ...)");
        assertThat(Threshold.of(rule("{\"mustBe\": 0, \"mustNotBe\": 1}")).problem())
                .isEqualTo("the rule states several operators (mustBe, mustNotBe); ODCS allows one");
        assertThat(Threshold.of(rule("{\"mustBe\": \"zero\"}")).problem()).isEqualTo("mustBe needs a number");
        assertThat(Threshold.of(rule("{\"mustBe\": [1]}")).problem()).isEqualTo("mustBe needs a number");
        assertThat(Threshold.of(rule("{\"mustBeBetween\": [5]}")).problem())
                .isEqualTo("mustBeBetween needs two numbers, smallest first");
        assertThat(Threshold.of(rule("{\"mustNotBeBetween\": 5}")).problem())
                .isEqualTo("mustNotBeBetween needs two numbers, smallest first");
        assertThat(Threshold.of(rule("{\"mustBeBetween\": [1, \"x\"]}")).problem())
                .isEqualTo("mustBeBetween needs two numbers, smallest first");
        assertThat(Threshold.of(rule("{\"mustBeBetween\": [5, 1]}")).problem())
                .isEqualTo("mustBeBetween [5, 1] must list the smallest number first");
        assertThat(new Threshold("mustBeAbout", List.of(BigDecimal.ONE)).problem())
                .isEqualTo("'mustBeAbout' is not an ODCS operator");
        assertThat(Threshold.of(rule("[1]")).problem()).isNotNull();
        assertThat(Threshold.of(null).problem()).isNotNull();
    }

    @Test
    void theTextOfMissingBoundsIsNone() {
        assertThat(new Threshold("mustBe", List.of()).text()).isEqualTo("none");
        assertThat(new Threshold("mustBe", Arrays.asList((BigDecimal) null)).text())
                .isEqualTo("none");
    }

    @Test
    void numbersAreJsonNumbersOrStringsHoldingOne() {
        assertThat(Threshold.number(rule("1.50"))).isEqualByComparingTo("1.5");
        assertThat(Threshold.number(rule("\" 42 \""))).isEqualByComparingTo("42");
        assertThat(Threshold.number(rule("\"forty-two\""))).isNull();
        assertThat(Threshold.number(rule("true"))).isNull();
        assertThat(Threshold.number(rule("null"))).isNull();
        assertThat(Threshold.number(null)).isNull();
    }

    @Test
    void aRangeOptionStandsForTheOperatorItsBoundImplies() {
        assertThat(Threshold.RANGE_OPERATORS)
                .containsOnlyKeys("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum");
        Threshold exclusiveMaximum =
                new Threshold(Threshold.RANGE_OPERATORS.get("exclusiveMaximum"), List.of(BigDecimal.TEN));
        assertThat(exclusiveMaximum.holds(BigDecimal.TEN)).isFalse();
        assertThat(exclusiveMaximum.holds(new BigDecimal("9.99"))).isTrue();
        assertThat(new Threshold(Threshold.RANGE_OPERATORS.get("minimum"), List.of(BigDecimal.TEN))
                        .holds(BigDecimal.TEN))
                .isTrue();
    }

    private static JsonNode rule(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}

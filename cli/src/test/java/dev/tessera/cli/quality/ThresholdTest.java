package dev.tessera.cli.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.Output;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void betweenIncludesItsBoundsAndNotBetweenExcludesThem() throws Exception {
        Threshold between = Threshold.of(rule("{\"mustBeBetween\": [1, 5]}"));
        Threshold outside = Threshold.of(rule("{\"mustNotBeBetween\": [1, 5]}"));

        assertThat(between.holds(BigDecimal.ONE)).isTrue();
        assertThat(between.holds(new BigDecimal("5.0"))).isTrue();
        assertThat(between.holds(BigDecimal.ZERO)).isFalse();
        assertThat(outside.holds(BigDecimal.ONE)).isFalse();
        assertThat(outside.holds(new BigDecimal("5.01"))).isTrue();
    }

    @Test
    void numbersWrittenAsStringsAreNumbers() throws Exception {
        assertThat(Threshold.of(rule("{\"mustBeGreaterThan\": \"100\"}")).holds(new BigDecimal("100.5")))
                .isTrue();
    }

    @Test
    void aRuleWithoutOneNumericOperatorHasNoThreshold() throws Exception {
        assertThat(Threshold.of(rule("{\"metric\": \"rowCount\"}"))).isNull();
        assertThat(Threshold.of(rule("{\"mustBe\": 0, \"mustNotBe\": 1}"))).isNull();
        assertThat(Threshold.of(rule("{\"mustBe\": \"zero\"}"))).isNull();
        assertThat(Threshold.of(rule("{\"mustBeBetween\": [5]}"))).isNull();
    }

    private static JsonNode rule(String json) throws Exception {
        return Output.JSON.readTree(json);
    }
}

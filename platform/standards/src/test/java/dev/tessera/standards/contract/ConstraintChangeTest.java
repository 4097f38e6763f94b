package dev.tessera.standards.contract;

import static dev.tessera.standards.contract.Descriptors.productWithProperties;
import static dev.tessera.standards.contract.Descriptors.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstraintChangeTest {

    private static final String OPTIONS = property("x") + ".logicalTypeOptions";

    private final BreakingChangeDetector detector = new BreakingChangeDetector();

    /** Compares a property {@code x} whose logicalTypeOptions are given as YAML flow-map bodies. */
    private List<Finding> options(String before, String after) {
        return detector.compare(
                productWithProperties("{name: x, logicalTypeOptions: {%s}}".formatted(before)),
                productWithProperties("{name: x, logicalTypeOptions: {%s}}".formatted(after)));
    }

    private static void assertSingle(List<Finding> findings, Severity severity, String rule, String option) {
        assertThat(findings)
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(severity, rule, OPTIONS + "." + option));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "maxLength: 50                | maxLength: 20                 | maxLength",
                "''                           | maxLength: 20                 | maxLength",
                "maximum: 100                 | maximum: 99.5                 | maximum",
                "exclusiveMaximum: 10         | exclusiveMaximum: 5           | exclusiveMaximum",
                "maxItems: 3                  | maxItems: 2                   | maxItems",
                "minLength: 1                 | minLength: 2                  | minLength",
                "''                           | minimum: 0                    | minimum",
                "exclusiveMinimum: 0          | exclusiveMinimum: 1           | exclusiveMinimum",
                "minItems: 0                  | minItems: 1                   | minItems",
                "maximum: '2021-01-01'        | maximum: '2020-12-31'         | maximum",
                "minimum: '2020-01-01 00:00:00' | minimum: '2020-06-01 00:00:00' | minimum",
                "maximum: '23:59:59'          | maximum: '18:00:00'           | maximum",
                "maximum: '2021-01-01'        | maximum: 'end of year'        | maximum",
                "''                           | pattern: '[A-Z]+'             | pattern",
                "pattern: '[A-Z]+'            | pattern: '[A-Z]{3}'           | pattern",
                "format: email                | format: uuid                  | format",
                "''                           | format: yyyy-MM-dd            | format",
                "format: i64                  | format: i32                   | format",
                "''                           | multipleOf: 5                 | multipleOf",
                "multipleOf: 5                | multipleOf: 10                | multipleOf",
                "multipleOf: 5                | multipleOf: 3                 | multipleOf",
                "uniqueItems: false           | uniqueItems: true             | uniqueItems",
                "'enum: [a, b, c]'            | 'enum: [a, b]'                | enum",
                "''                           | 'enum: [a, b]'                | enum",
                "'required: [a]'              | 'required: [a, b]'            | required"
            })
    void tighteningIsBreaking(String before, String after, String option) {
        assertSingle(options(before, after), Severity.BREAKING, "constraint-tightened", option);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "maxLength: 20                | maxLength: 50                 | maxLength",
                "maxLength: 20                | ''                            | maxLength",
                "maximum: 99.5                | maximum: 100                  | maximum",
                "minLength: 2                 | minLength: 1                  | minLength",
                "minimum: 0                   | ''                            | minimum",
                "maximum: '2020-12-31'        | maximum: '2021-01-01'         | maximum",
                "minimum: '2020-01-01T00:00:00+10:00' | minimum: '2020-01-01T00:00:00+11:00' | minimum",
                "maximum: '2020-01-01 00:00:00' | maximum: '2021-01-01 00:00:00' | maximum",
                "minimum: '08:00:00'          | minimum: '07:00:00'          | minimum",
                "multipleOf: 0.5              | multipleOf: 0.25              | multipleOf",
                "pattern: '[A-Z]+'            | ''                            | pattern",
                "format: email                | ''                            | format",
                "format: i32                  | format: i64                   | format",
                "format: u32                  | format: i64                   | format",
                "format: f32                  | format: f64                   | format",
                "multipleOf: 10               | multipleOf: 5                 | multipleOf",
                "multipleOf: 5                | ''                            | multipleOf",
                "uniqueItems: true            | ''                            | uniqueItems",
                "'enum: [a, b]'               | 'enum: [a, b, c]'             | enum",
                "'enum: [a, b]'               | ''                            | enum",
                "'required: [a, b]'           | 'required: [a]'               | required"
            })
    void relaxingIsNotBreaking(String before, String after, String option) {
        assertSingle(options(before, after), Severity.NON_BREAKING, "constraint-relaxed", option);
    }

    @Test
    void equalBoundsWrittenDifferentlyAreNotAChange() {
        assertThat(options(
                        "maximum: 10, maxLength: '5', 'enum: [b, a]'", "maximum: 10.0, maxLength: 5, 'enum: [a, b]'"))
                .isEmpty();
    }

    @Test
    void incomparableBoundsAreTreatedAsTightened() {
        List<Finding> findings = options("maximum: '2021-01-01'", "maximum: '2021-01-01T00:00:00'");

        assertSingle(findings, Severity.BREAKING, "constraint-tightened", "maximum");
        assertThat(findings.getFirst().message()).contains("cannot be compared");
    }

    @Test
    void nonFiniteAndAbsurdNumbersAreComparedAsUncomparable() {
        ObjectNode published = productWithProperties("{name: x}");
        ((ObjectNode) published.at("/outputPorts/0/contract/schema/0/properties/0"))
                .putObject("logicalTypeOptions")
                .put("maximum", Double.POSITIVE_INFINITY)
                .put("minimum", new BigDecimal("1e999999999"))
                .put("multipleOf", Double.NaN);
        ObjectNode draft = productWithProperties(
                "{name: x, logicalTypeOptions: {maximum: 5, minimum: 1, multipleOf: '1e-999999999'}}");

        assertThat(detector.compare(published, draft))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(
                        tuple(Severity.BREAKING, "constraint-tightened", OPTIONS + ".maximum"),
                        tuple(Severity.BREAKING, "constraint-tightened", OPTIONS + ".minimum"));
    }

    @Test
    void uniqueBecomingTrueIsBreaking() {
        assertThat(detector.compare(
                        productWithProperties("{name: x}"), productWithProperties("{name: x, unique: true}")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.BREAKING, "constraint-tightened", property("x") + ".unique"));
    }

    @Test
    void uniqueBecomingFalseIsNotBreaking() {
        assertThat(detector.compare(
                        productWithProperties("{name: x, unique: true}"),
                        productWithProperties("{name: x, unique: false}")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.NON_BREAKING, "constraint-relaxed", property("x") + ".unique"));
    }

    @Test
    void optionsNotAffectingValidityAreIgnored() {
        assertThat(options("timezone: true, defaultTimezone: UTC", "timezone: true, defaultTimezone: Europe/Paris"))
                .isEmpty();
    }
}

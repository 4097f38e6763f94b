package dev.tessera.standards.contract;

import static dev.tessera.standards.contract.Descriptors.productWithProperties;
import static dev.tessera.standards.contract.Descriptors.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeChangeTest {

    private static final String AMOUNT = property("amount");

    private final BreakingChangeDetector detector = new BreakingChangeDetector();

    private List<Finding> logical(String before, String after) {
        return detector.compare(
                productWithProperties("{name: amount, logicalType: %s}".formatted(before)),
                productWithProperties("{name: amount, logicalType: %s}".formatted(after)));
    }

    private List<Finding> physical(String before, String after) {
        return detector.compare(
                productWithProperties("{name: amount, physicalType: '%s'}".formatted(before)),
                productWithProperties("{name: amount, physicalType: '%s'}".formatted(after)));
    }

    @ParameterizedTest(name = "{0} -> {1} is {2}")
    @CsvSource({
        "integer,   number,    type-widened",
        "date,      timestamp, type-widened",
        "number,    integer,   type-narrowed",
        "timestamp, date,      type-narrowed",
        "string,    integer,   type-changed",
        "integer,   string,    type-changed",
        "object,    array,     type-changed",
        "time,      timestamp, type-changed"
    })
    void logicalTypeChangeIsClassified(String before, String after, String rule) {
        Severity expected = rule.equals("type-widened") ? Severity.NON_BREAKING : Severity.BREAKING;

        assertThat(logical(before, after))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(expected, rule, AMOUNT + ".logicalType"));
    }

    @ParameterizedTest(name = "{0} -> {1} is widened")
    @CsvSource(
            delimiter = '|',
            value = {
                "varchar(50)     | varchar(100)",
                "varchar(50)     | text",
                "VARCHAR(50)     | character varying",
                "char(2)         | string",
                "smallint        | int",
                "int             | bigint",
                "tinyint         | integer",
                "int4            | int8",
                "int             | double",
                "smallint        | real",
                "real            | double precision",
                "int             | decimal(10,0)",
                "bigint          | numeric",
                "decimal(10,2)   | decimal(12,2)",
                "decimal(10,2)   | numeric",
                "numeric(5)      | decimal(7)"
            })
    void physicalWideningIsNotBreaking(String before, String after) {
        assertThat(physical(before, after))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.NON_BREAKING, "type-widened", AMOUNT + ".physicalType"));
    }

    @ParameterizedTest(name = "{0} -> {1} is narrowed")
    @CsvSource(
            delimiter = '|',
            value = {
                "varchar(100)    | varchar(50)",
                "text            | varchar(255)",
                "bigint          | int",
                "int             | smallint",
                "double          | real",
                "decimal(12,2)   | decimal(10,2)",
                "double          | int"
            })
    void physicalNarrowingIsBreaking(String before, String after) {
        assertThat(physical(before, after))
                .extracting(Finding::severity, Finding::rule)
                .containsExactly(tuple(Severity.BREAKING, "type-narrowed"));
    }

    @ParameterizedTest(name = "{0} -> {1} is changed")
    @CsvSource(
            delimiter = '|',
            value = {
                "decimal(10,2)   | decimal(12,3)",
                "bigint          | double",
                "int             | real",
                "int             | decimal(9,0)",
                "varchar(10)     | int",
                "char(10)        | varchar(10)",
                "timestamp       | timestamptz",
                "boolean         | tinyint",
                "struct<a:int>   | struct<a:bigint>"
            })
    void otherPhysicalChangesAreBreaking(String before, String after) {
        assertThat(physical(before, after))
                .extracting(Finding::severity, Finding::rule)
                .containsExactly(tuple(Severity.BREAKING, "type-changed"));
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "VARCHAR(40)        | varchar(40)",
                "integer            | int",
                "int8               | bigint",
                "numeric(10, 2)     | decimal(10,2)",
                "character varying  | varchar",
                "double precision   | float8"
            })
    void spellingOfTheSamePhysicalTypeIsNotAChange(String before, String after) {
        assertThat(physical(before, after)).isEmpty();
    }

    @Test
    void droppedTypeDeclarationIsBreaking() {
        assertThat(detector.compare(
                        productWithProperties("{name: amount, logicalType: number}"),
                        productWithProperties("{name: amount}")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.BREAKING, "type-changed", AMOUNT + ".logicalType"));
    }

    @Test
    void newTypeDeclarationIsNotBreaking() {
        assertThat(detector.compare(
                        productWithProperties("{name: amount}"),
                        productWithProperties("{name: amount, physicalType: 'decimal(10,2)'}")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.NON_BREAKING, "type-declared", AMOUNT + ".physicalType"));
    }

    @Test
    void logicalAndPhysicalWideningAreReportedSeparately() {
        assertThat(detector.compare(
                        productWithProperties("{name: amount, logicalType: integer, physicalType: int}"),
                        productWithProperties("{name: amount, logicalType: number, physicalType: 'decimal(12,2)'}")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(
                        tuple(Severity.NON_BREAKING, "type-widened", AMOUNT + ".logicalType"),
                        tuple(Severity.NON_BREAKING, "type-widened", AMOUNT + ".physicalType"));
    }
}

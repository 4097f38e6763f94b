package dev.tessera.standards.contract;

import static dev.tessera.standards.contract.Descriptors.CONTRACT;
import static dev.tessera.standards.contract.Descriptors.productWithContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaChangeTest {

    private final BreakingChangeDetector detector = new BreakingChangeDetector();

    /** Compares contracts whose slaProperties hold one entry each, given as YAML flow maps. */
    private List<Finding> sla(String before, String after) {
        return detector.compare(
                productWithContract("slaProperties: [%s]".formatted(before)),
                productWithContract("slaProperties: [%s]".formatted(after)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{property: latency, value: 4, unit: h}       | {property: latency, value: 6, unit: h}       | latency",
                "{property: freshness, value: 1, unit: d}     | {property: freshness, value: 2, unit: days}  | freshness",
                "{property: availability, value: 99.9, unit: '%'} | {property: availability, value: 99.5, unit: '%'} | availability",
                "{property: availability, value: '99.9%'}     | {property: availability, value: '99%'}       | availability",
                "{property: retention, value: 3, unit: y}     | {property: retention, value: 1, unit: years} | retention",
                "{property: endOfSupport, value: '2032-05-12T09:30:10-08:00'} | {property: endOfSupport, value: '2030-01-01T00:00:00Z'} | endOfSupport"
            })
    void weakerSlaIsBreaking(String before, String after, String label) {
        assertThat(sla(before, after))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.BREAKING, "sla-weakened", CONTRACT + ".slaProperties[" + label + "]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{property: latency, value: 6, unit: h}       | {property: latency, value: 4, unit: h}",
                "{property: retention, value: 1, unit: y}     | {property: retention, value: 3, unit: y}",
                "{property: availability, value: 99.5}        | {property: availability, value: 99.9}",
                "{property: generalAvailability, value: '2022-05-12'} | {property: generalAvailability, value: '2022-06-01'}",
                "{property: timeOfAvailability, value: '09:00-08:00'} | {property: timeOfAvailability, value: '10:00-08:00'}",
                "{property: frequency, value: 1, valueExt: 1, unit: d} | {property: frequency, value: 1, valueExt: 2, unit: d}"
            })
    void otherSlaChangesAreNotBreaking(String before, String after) {
        assertThat(sla(before, after))
                .extracting(Finding::severity, Finding::rule)
                .containsExactly(tuple(Severity.NON_BREAKING, "sla-changed"));
    }

    @Test
    void unitChangeIsReportedWithoutComparingValues() {
        List<Finding> findings =
                sla("{property: latency, value: 4, unit: h}", "{property: latency, value: 1, unit: d}");

        assertThat(findings)
                .extracting(Finding::severity, Finding::rule)
                .containsExactly(tuple(Severity.NON_BREAKING, "sla-changed"));
        assertThat(findings.getFirst().message()).contains("units differ");
    }

    @Test
    void unitSpellingsOfTheSameUnitAreNotAChange() {
        assertThat(sla("{property: latency, value: 4, unit: d}", "{property: latency, value: 4, unit: days}"))
                .isEmpty();
    }

    @Test
    void removedSlaIsBreaking() {
        assertThat(detector.compare(
                        productWithContract(
                                "slaProperties: [{property: latency, value: 4, unit: d, element: tab1.col}]"),
                        productWithContract("slaProperties: []")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(
                        tuple(Severity.BREAKING, "sla-weakened", CONTRACT + ".slaProperties[latency@tab1.col]"));
    }

    @Test
    void addedSlaIsNotBreaking() {
        assertThat(detector.compare(
                        productWithContract("slaProperties: []"),
                        productWithContract("slaProperties: [{property: latency, value: 4, unit: d}]")))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.NON_BREAKING, "sla-changed", CONTRACT + ".slaProperties[latency]"));
    }

    @Test
    void slasForDifferentElementsAreMatchedSeparately() {
        String published = """
                slaProperties:
                  - {property: latency, value: 4, unit: d, element: a.x}
                  - {property: latency, value: 1, unit: d, element: b.y}
                """;
        String draft = """
                slaProperties:
                  - {property: latency, value: 1, unit: d, element: b.y}
                  - {property: latency, value: 2, unit: d, element: a.x}
                """;

        assertThat(detector.compare(productWithContract(published), productWithContract(draft)))
                .extracting(Finding::severity, Finding::rule, Finding::path)
                .containsExactly(tuple(Severity.NON_BREAKING, "sla-changed", CONTRACT + ".slaProperties[latency@a.x]"));
    }

    @Test
    void descriptionOnlyChangeIsIgnored() {
        assertThat(sla(
                        "{property: latency, value: 4, unit: d, description: old}",
                        "{property: latency, value: 4, unit: d, description: new, driver: regulatory}"))
                .isEmpty();
    }
}

package dev.tessera.governance.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreshnessSlaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "4, d, PT96H",
        "1, day, PT24H",
        "2, DAYS, PT48H",
        "4, h, PT4H",
        "4, hr, PT4H",
        "1, Hour, PT1H",
        "1.5, hours, PT1H30M",
        "15, m, PT15M",
        "15, min, PT15M",
        "1, minute, PT1M",
        "30, minutes, PT30M",
        "45, s, PT45S",
        "45, sec, PT45S",
        "1, second, PT1S",
        "90, seconds, PT1M30S",
        "1, w, PT168H",
    })
    void aLatencyIsReadInEveryUnitDownToSeconds(String value, String unit, Duration window) throws IOException {
        FreshnessSla sla = FreshnessSla.of(
                        yaml("slaProperties:\n  - {property: latency, value: " + value + ", unit: " + unit + "}"))
                .orElseThrow();

        assertThat(sla.property()).isEqualTo("latency");
        assertThat(sla.window()).isEqualTo(window);
    }

    @Test
    void minutesAreMinutesNotMonthsOrHours() throws IOException {
        FreshnessSla sla = FreshnessSla.of(yaml("slaProperties:\n  - {property: latency, value: 30, unit: m}"))
                .orElseThrow();

        assertThat(sla.window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(sla.text()).isEqualTo("latency 30m");
        assertThat(sla.deadline(Instant.parse("2026-12-07T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T06:30:00Z"));
    }

    @Test
    void anIsoDurationIsReadWhenNoUnitIsGiven() throws IOException {
        FreshnessSla sla = FreshnessSla.of(yaml("slaProperties:\n  - {property: frequency, value: PT4H}"))
                .orElseThrow();

        assertThat(sla.property()).isEqualTo("frequency");
        assertThat(sla.window()).isEqualTo(Duration.ofHours(4));
        assertThat(sla.text()).isEqualTo("frequency PT4H");
    }

    @Test
    void freshnessIsReadAsLatency() throws IOException {
        FreshnessSla sla = FreshnessSla.of(yaml("slaProperties:\n  - {property: freshness, value: 2, unit: hours}"))
                .orElseThrow();

        assertThat(sla.property()).isEqualTo("latency");
        assertThat(sla.text()).isEqualTo("freshness 2 hours");
    }

    @Test
    void whenSeveralApplyTheShortestWindowWins() throws IOException {
        FreshnessSla sla = FreshnessSla.of(yaml("""
                        slaProperties:
                          - {property: latency, value: 1, unit: d, element: orders.updated_at}
                          - {property: retention, value: 3, unit: y}
                          - {property: frequency, value: 90, unit: min}
                          - {property: latency, value: 2, unit: h}
                        """)).orElseThrow();

        assertThat(sla.property()).isEqualTo("frequency");
        assertThat(sla.window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(sla.text()).isEqualTo("frequency 90 min");
    }

    @Test
    void theContractsDefaultElementAppliesWhenAnEntryNamesNone() throws IOException {
        FreshnessSla sla = FreshnessSla.of(yaml("""
                        slaDefaultElement: orders.updated_at
                        slaProperties:
                          - {property: latency, value: 4, unit: h}
                        """)).orElseThrow();

        assertThat(sla.element()).isEqualTo("orders.updated_at");
    }

    @Test
    void theOdcsSlaExampleHasADailyFrequencyAsItsShortestWindow() throws IOException {
        try (InputStream in =
                FreshnessSlaTest.class.getResourceAsStream("/quality/odcs-examples/sla/database-table-sla.odcs.yaml")) {
            FreshnessSla sla = FreshnessSla.of(YAML.readTree(in)).orElseThrow();

            assertThat(sla.window()).isEqualTo(Duration.ofDays(1));
            assertThat(sla.property()).isEqualTo("frequency");
            assertThat(sla.element()).isEqualTo("tab1.txn_ref_dt");
        }
    }

    @Test
    void anSlaThatCannotBeReadIsNoSla() throws IOException {
        for (String entry : new String[] {
            "{property: latency, value: 4, unit: fortnights}",
            "{property: latency, value: 3, unit: y}",
            "{property: latency, value: soon, unit: h}",
            "{property: latency, value: 4}",
            "{property: latency, value: P1M}",
            "{property: latency, value: 0, unit: h}",
            "{property: latency, value: -2, unit: h}",
            "{property: latency, unit: h}",
            "{property: latency, value: [4], unit: h}",
            "{property: availability, value: 4, unit: h}",
            "{value: 4, unit: h}",
            "just text"
        }) {
            assertThat(FreshnessSla.of(yaml("slaProperties:\n  - " + entry)))
                    .as(entry)
                    .isEmpty();
        }
        assertThat(FreshnessSla.of(null)).isEmpty();
        assertThat(FreshnessSla.of(yaml("slaProperties: {latency: 4}"))).isEmpty();
    }

    private static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }
}

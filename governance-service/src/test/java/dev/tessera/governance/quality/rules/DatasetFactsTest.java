package dev.tessera.governance.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.events.quality.QualityObservationV1.ColumnMetrics;
import dev.tessera.events.quality.QualityObservationV1.Metrics;
import dev.tessera.events.quality.QualityObservationV1.OutputStatistics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetFactsTest {

    @Test
    void rowsComeFromTheQualityMetricsBeforeTheOutputStatistics() {
        DatasetFacts facts = DatasetFacts.of(
                observation(new Metrics(80L, null, null, Map.of()), new OutputStatistics(90L, null, null)));

        assertThat(facts.rowCount()).isEqualTo(80L);
    }

    @Test
    void withoutQualityMetricsRowsComeFromTheOutputStatistics() {
        DatasetFacts facts = DatasetFacts.of(observation(null, new OutputStatistics(90L, null, null)));

        assertThat(facts.rowCount()).isEqualTo(90L);
        assertThat(facts.columns()).isEmpty();
    }

    @Test
    void columnFiguresAreTakenAsReported() {
        ColumnMetrics email =
                new ColumnMetrics(3L, 70L, null, 77L, BigDecimal.ONE, BigDecimal.TEN, Map.of("0.5", BigDecimal.TWO));

        DatasetFacts facts = DatasetFacts.of(observation(new Metrics(null, null, null, Map.of("email", email)), null));

        assertThat(facts.rowCount()).isNull();
        assertThat(facts.column("email"))
                .isEqualTo(new DatasetFacts.ColumnFacts(3L, 70L, 77L, BigDecimal.ONE, BigDecimal.TEN));
        assertThat(facts.column("Email")).isEqualTo(facts.column("email"));
        assertThat(facts.column("phone")).isNull();
    }

    @Test
    void anObservationWithoutFiguresHasNoFacts() {
        assertThat(DatasetFacts.of(null)).isEqualTo(DatasetFacts.none());
        assertThat(DatasetFacts.of(observation(null, null))).isEqualTo(DatasetFacts.none());
    }

    private static QualityObservationV1 observation(Metrics metrics, OutputStatistics statistics) {
        return new QualityObservationV1(
                "o-1",
                "p-1",
                null,
                List.of("orders"),
                new QualityObservationV1.Dataset("db/orders", List.of("db/orders")),
                "OUTPUT",
                null,
                Instant.parse("2026-12-07T06:00:00Z"),
                true,
                List.of(),
                metrics,
                statistics);
    }
}

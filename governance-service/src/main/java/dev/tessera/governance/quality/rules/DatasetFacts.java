package dev.tessera.governance.quality.rules;

import dev.tessera.events.quality.QualityObservationV1;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What a producer reported about a dataset that rules can be decided from.
 *
 * @param rowCount rows in the dataset: {@code dataQualityMetrics.rowCount}, else
 *     {@code outputStatistics.rowCount}; null when neither was reported
 * @param columns per-column figures by column name
 */
public record DatasetFacts(Long rowCount, Map<String, ColumnFacts> columns) {

    /** Figures of one column, each null when not reported. */
    public record ColumnFacts(Long nullCount, Long distinctCount, Long count, BigDecimal min, BigDecimal max) {}

    /** The facts one observation carries. */
    public static DatasetFacts of(QualityObservationV1 observation) {
        throw new UnsupportedOperationException("not built yet");
    }
}

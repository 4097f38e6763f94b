package dev.tessera.governance.quality.rules;

import dev.tessera.events.quality.QualityObservationV1;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a producer reported about a dataset that rules can be decided from.
 *
 * @param rowCount rows in the dataset: {@code dataQualityMetrics.rowCount}, else
 *     {@code outputStatistics.rowCount}; null when neither was reported
 * @param columns per-column figures by column name; never null
 */
public record DatasetFacts(Long rowCount, Map<String, ColumnFacts> columns) {

    /**
     * Figures of one column, each null when not reported.
     *
     * @param nullCount rows whose value is null
     * @param distinctCount distinct non-null values
     * @param count non-null values (OpenLineage's "number of values in this column", read as SQL's
     *     {@code COUNT(column)})
     * @param min the smallest value
     * @param max the largest value
     */
    public record ColumnFacts(Long nullCount, Long distinctCount, Long count, BigDecimal min, BigDecimal max) {}

    public DatasetFacts {
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Facts of a dataset nothing was reported about. */
    public static DatasetFacts none() {
        return new DatasetFacts(null, Map.of());
    }

    /** The facts one observation carries. */
    public static DatasetFacts of(QualityObservationV1 observation) {
        if (observation == null) {
            return none();
        }
        QualityObservationV1.Metrics metrics = observation.metrics();
        Long rowCount = metrics == null ? null : metrics.rowCount();
        if (rowCount == null && observation.outputStatistics() != null) {
            rowCount = observation.outputStatistics().rowCount();
        }
        Map<String, ColumnFacts> columns = new LinkedHashMap<>();
        if (metrics != null && metrics.columns() != null) {
            metrics.columns().forEach((name, figures) -> {
                if (name != null && figures != null) {
                    columns.put(
                            name,
                            new ColumnFacts(
                                    figures.nullCount(),
                                    figures.distinctCount(),
                                    figures.count(),
                                    figures.min(),
                                    figures.max()));
                }
            });
        }
        return new DatasetFacts(rowCount, columns);
    }

    /**
     * The figures of a column, found by its exact name, else by a name that differs only in case
     * (warehouses report {@code ORDER_ID} for a contract's {@code order_id}); null when not reported.
     */
    public ColumnFacts column(String name) {
        if (name == null) {
            return null;
        }
        ColumnFacts exact = columns.get(name);
        if (exact != null) {
            return exact;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return columns.entrySet().stream()
                .filter(column -> column.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}

package dev.tessera.lineage.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.usage.model.Window;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a window's runs are summed from the parts of monthly rows the database sends: the elements
 * as four-byte big-endian integers, as they are stored and as the driver received them.
 */
class WindowRunsTest {

    /** A 30-day window ending on 2026-12-07: from 2026-11-08. */
    private final Window window = Window.of(Instant.parse("2026-12-07T10:00:00Z"), 30);

    private static byte[] elements(int... runs) {
        ByteBuffer bytes = ByteBuffer.allocate(runs.length * Integer.BYTES);
        for (int n : runs) {
            bytes.putInt(n);
        }
        return bytes.array();
    }

    private static long epochDay(String day) {
        return LocalDate.parse(day).toEpochDay();
    }

    @Test
    void aJobsTwoMonthsAddUpPerJobAndPerDay() {
        WindowRuns runs = new WindowRuns(window);
        // November from the 8th (the window's first day) to the 30th, then December to the 7th.
        runs.add(
                "orders",
                "airflow/etl.load",
                epochDay("2026-11-08"),
                elements(3, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        runs.add("orders", "airflow/etl.load", epochDay("2026-12-01"), elements(0, 0, 0, 0, 0, 0, 250));
        runs.add("orders", "airflow/report", epochDay("2026-12-01"), elements(7));

        assertThat(runs.jobs("orders"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("airflow/etl.load", 266L, "airflow/report", 7L));
        assertThat(runs.days("orders"))
                .containsExactly(
                        Map.entry(LocalDate.parse("2026-11-08"), 3L),
                        Map.entry(LocalDate.parse("2026-11-10"), 12L),
                        Map.entry(LocalDate.parse("2026-11-30"), 1L),
                        Map.entry(LocalDate.parse("2026-12-01"), 7L),
                        Map.entry(LocalDate.parse("2026-12-07"), 250L));
    }

    @Test
    void daysPastTheWindowAndNegativeElementsAreHandled() {
        WindowRuns runs = new WindowRuns(window);
        // A run moved off the 2nd onto the 1st leaves -1 on the 2nd until that day's count is added;
        // elements past the window's last day are never counted.
        runs.add("orders", "airflow/etl.load", epochDay("2026-12-01"), elements(2, -1, 5, 0, 0, 0, 4, 9, 9));

        assertThat(runs.jobs("orders")).containsExactly(Map.entry("airflow/etl.load", 10L));
        assertThat(runs.days("orders"))
                .containsExactly(
                        Map.entry(LocalDate.parse("2026-12-01"), 2L),
                        Map.entry(LocalDate.parse("2026-12-02"), -1L),
                        Map.entry(LocalDate.parse("2026-12-03"), 5L),
                        Map.entry(LocalDate.parse("2026-12-07"), 4L));
    }

    @Test
    void countsAboveAByteKeepEveryByte() {
        WindowRuns runs = new WindowRuns(window);
        runs.add("orders", "airflow/etl.load", epochDay("2026-12-05"), elements(300, 70_000, 16_777_217));

        assertThat(runs.jobs("orders")).containsExactly(Map.entry("airflow/etl.load", 16_847_517L));
        assertThat(runs.days("orders"))
                .containsExactly(
                        Map.entry(LocalDate.parse("2026-12-05"), 300L),
                        Map.entry(LocalDate.parse("2026-12-06"), 70_000L),
                        Map.entry(LocalDate.parse("2026-12-07"), 16_777_217L));
    }

    @Test
    void aProductWithoutRowsHasNoRuns() {
        WindowRuns runs = new WindowRuns(window);
        runs.add("orders", "airflow/etl.load", epochDay("2026-12-01"), elements(1));

        assertThat(runs.jobs("payments")).isEmpty();
        assertThat(runs.days("payments")).isEmpty();
    }
}

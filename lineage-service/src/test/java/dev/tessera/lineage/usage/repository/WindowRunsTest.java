package dev.tessera.lineage.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.usage.model.Window;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's parts of its monthly rows count the days of the window they cover, and only those. */
class WindowRunsTest {

    /** 2026-11-08 to 2026-12-07. */
    private static final Window MONTH = Window.of(Instant.parse("2026-12-07T12:00:00Z"), 30);

    @Test
    void partsOfTwoMonthsAddToTheirDaysAndToTheJobsRuns() {
        WindowRuns runs = new WindowRuns(MONTH);

        long job = runs.add("orders", parts(day("2026-12-01") + ":1,0,2;" + day("2026-11-29") + ":10,20"));
        long other = runs.add("orders", parts(day("2026-12-07") + ":100"));

        assertThat(job).isEqualTo(33);
        assertThat(other).isEqualTo(100);
        assertThat(runs.days("orders"))
                .containsExactly(
                        entry("2026-11-29", 10),
                        entry("2026-11-30", 20),
                        entry("2026-12-01", 1),
                        entry("2026-12-03", 2),
                        entry("2026-12-07", 100));
        assertThat(runs.days("another")).isEmpty();
    }

    @Test
    void daysBeforeOrAfterTheWindowAreNotCounted() {
        WindowRuns runs = new WindowRuns(MONTH);

        long job = runs.add("orders", parts(day("2026-11-07") + ":5,6;" + day("2026-12-07") + ":7,8"));

        assertThat(job).isEqualTo(13);
        assertThat(runs.days("orders")).containsExactly(entry("2026-11-08", 6), entry("2026-12-07", 7));
    }

    @Test
    void negativeNumbersAndDaysBeforeTheEpochAreRead() {
        Window longAgo = Window.of(Instant.parse("1969-12-31T12:00:00Z"), 2);
        WindowRuns runs = new WindowRuns(longAgo);

        long job = runs.add("orders", parts(day("1969-12-30") + ":3,-1"));

        assertThat(day("1969-12-30")).isNegative();
        assertThat(job).isEqualTo(2);
        assertThat(runs.days("orders")).containsExactly(entry("1969-12-30", 3), entry("1969-12-31", -1));
    }

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    private static byte[] parts(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Map.Entry<LocalDate, Long> entry(String date, long runs) {
        return Map.entry(LocalDate.parse(date), runs);
    }
}

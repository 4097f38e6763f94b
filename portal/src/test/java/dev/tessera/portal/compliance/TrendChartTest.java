package dev.tessera.portal.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trend chart keeps one value per day, places it on a 0-100 axis and says the same as a table. */
class TrendChartTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    @Test
    void eachDayKeepsItsLastSnapshotAndTheTableListsDaysNewestFirst() {
        TrendChart chart = TrendChart.of(
                "Scores",
                List.of(
                        new TrendChart.Series(
                                "Platform",
                                List.of(
                                        point("2026-12-07T09:00:00Z", 80),
                                        point("2026-12-07T10:00:00Z", 90),
                                        point("2026-12-05T10:00:00Z", 70),
                                        point("2026-10-01T10:00:00Z", 10))),
                        new TrendChart.Series("retail", List.of(point("2026-12-06T10:00:00Z", 55.4)))),
                TODAY,
                30);

        assertThat(chart.rows())
                .containsExactly(
                        new TrendChart.Row("2026-12-07", List.of("90", "")),
                        new TrendChart.Row("2026-12-06", List.of("", "55")),
                        new TrendChart.Row("2026-12-05", List.of("70", "")));
        assertThat(chart.columns()).containsExactly("Platform", "retail");
        assertThat(chart.summary()).isEqualTo("Platform: 70 on 5 Dec, 90 on 7 Dec; retail: 55 on 6 Dec.");
        assertThat(chart.lines()).extracting(TrendChart.Line::style).containsExactly("series-0", "series-1");
    }

    @Test
    void todayIsAtTheRightEdgeAndScoresRunFromTheBottomToTheTop() {
        TrendChart chart = TrendChart.of(
                "Scores",
                List.of(new TrendChart.Series(
                        "Platform", List.of(point("2026-11-08T12:00:00Z", 0), point("2026-12-07T12:00:00Z", 100)))),
                TODAY,
                30);

        TrendChart.Line line = chart.lines().getFirst();
        assertThat(line.dots())
                .extracting(TrendChart.Dot::x, TrendChart.Dot::y)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple((double) TrendChart.LEFT, (double) TrendChart.BOTTOM),
                        org.assertj.core.groups.Tuple.tuple((double) TrendChart.RIGHT, (double) TrendChart.TOP));
        assertThat(line.points())
                .isEqualTo(TrendChart.LEFT + ".0," + TrendChart.BOTTOM + ".0 " + TrendChart.RIGHT + ".0,"
                        + TrendChart.TOP + ".0");
        assertThat(chart.yTicks()).extracting(TrendChart.Tick::label).containsExactly("0", "25", "50", "75", "100");
        assertThat(chart.xTicks())
                .extracting(TrendChart.Tick::label)
                .containsExactly("13 Nov", "19 Nov", "25 Nov", "1 Dec", "7 Dec");
    }

    @Test
    void aSeriesWithoutScoresInThePeriodIsSaidSoAndAChartWithNoneIsEmpty() {
        TrendChart chart = TrendChart.of("Scores", List.of(new TrendChart.Series("finance", List.of())), TODAY, 30);
        assertThat(chart.empty()).isTrue();
        assertThat(chart.summary()).isEqualTo("finance: no score in this period.");
    }

    private static ScoreTrend.Point point(String at, double score) {
        return new ScoreTrend.Point(Instant.parse(at), score);
    }
}

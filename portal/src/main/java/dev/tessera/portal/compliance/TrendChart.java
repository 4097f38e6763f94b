package dev.tessera.portal.compliance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A line chart of compliance scores over the last days, laid out on the server for an inline SVG (no
 * script draws it), with the same numbers as a table for people who do not see the chart. Each series
 * is reduced to one value per day (the day's last snapshot, UTC), so a chart of hourly snapshots stays
 * readable; the y axis is the score, 0 to 100.
 *
 * @param title what the chart shows, its accessible name
 * @param summary each series' first and last value in words, its accessible description
 * @param lines one per series, in the order given
 * @param columns the table's value columns: the series' names
 * @param rows the table: one row per day with any value, newest first
 */
public record TrendChart(
        String title,
        String summary,
        List<Tick> xTicks,
        List<Tick> yTicks,
        List<Line> lines,
        List<String> columns,
        List<Row> rows) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 260;
    /** The plot area inside the SVG; the rest holds the axes' labels. */
    public static final int LEFT = 44;

    public static final int RIGHT = WIDTH - 16;
    public static final int TOP = 12;
    public static final int BOTTOM = HEIGHT - 36;
    /** Distinct line styles (colour and dash, portal.css {@code .series-N}); more series reuse them. */
    static final int STYLES = 8;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** A labelled position on an axis ({@code at} in SVG units). */
    public record Tick(double at, String label) {}

    /**
     * One series as drawn.
     *
     * @param style the CSS class giving its colour and dash
     * @param points the polyline's points ("x,y x,y ...")
     * @param dots one per day with a value, so a series with a single day still shows
     */
    public record Line(String name, String style, String points, List<Dot> dots) {}

    /** A day's value on a line; {@code label} is its tooltip. */
    public record Dot(double x, double y, String label) {}

    /** A day and each series' value that day ("" where it has none). */
    public record Row(String day, List<String> values) {}

    /** A named series of snapshots, any order. */
    public record Series(String name, List<ScoreTrend.Point> points) {}

    /** Lays out {@code series} over the {@code days} days ending {@code today}. */
    public static TrendChart of(String title, List<Series> series, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        List<Map<LocalDate, Double>> daily =
                series.stream().map(s -> daily(s, first, today)).toList();

        List<Line> lines = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Map<LocalDate, Double> values = daily.get(i);
            List<Dot> dots = new ArrayList<>();
            StringBuilder points = new StringBuilder();
            values.forEach((day, score) -> {
                double x = x(day, first, days);
                double y = y(score);
                points.append(points.isEmpty() ? "" : " ")
                        .append(round(x))
                        .append(',')
                        .append(round(y));
                dots.add(new Dot(round(x), round(y), DAY.format(day) + ": " + Math.round(score)));
            });
            String name = series.get(i).name();
            lines.add(new Line(name, "series-" + (i % STYLES), points.toString(), dots));
            said.add(values.isEmpty() ? name + ": no score in this period" : words(name, values));
        }

        // Counted back from today, so the newest day always has its label.
        List<Tick> xTicks = new ArrayList<>();
        for (int d = days - 1; d >= 0; d -= Math.max(1, days / 5)) {
            LocalDate day = first.plusDays(d);
            xTicks.addFirst(new Tick(round(x(day, first, days)), DAY.format(day)));
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int score = 0; score <= 100; score += 25) {
            yTicks.add(new Tick(round(y(score)), String.valueOf(score)));
        }

        Map<LocalDate, List<String>> table = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (int i = 0; i < daily.size(); i++) {
            int column = i;
            daily.get(i).forEach((day, score) -> table.computeIfAbsent(day, d -> blank(series.size()))
                    .set(column, String.valueOf(Math.round(score))));
        }
        List<Row> rows = new ArrayList<>();
        table.forEach((day, values) -> rows.add(new Row(day.toString(), values)));

        return new TrendChart(
                title,
                String.join("; ", said) + ".",
                xTicks,
                yTicks,
                lines,
                series.stream().map(Series::name).toList(),
                rows);
    }

    public boolean empty() {
        return rows.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return BOTTOM;
    }

    /** Where the y axis' labels end: just left of the plot. */
    public int yLabelX() {
        return LEFT - 6;
    }

    /** Where the x axis' labels stand: below the plot. */
    public int xLabelY() {
        return BOTTOM + 22;
    }

    /** The day's last snapshot for every day in the window, oldest day first. */
    private static Map<LocalDate, Double> daily(Series series, LocalDate first, LocalDate last) {
        Map<LocalDate, ScoreTrend.Point> latest = new TreeMap<>();
        for (ScoreTrend.Point p : series.points()) {
            LocalDate day = LocalDate.ofInstant(p.at(), ZoneOffset.UTC);
            if (day.isBefore(first) || day.isAfter(last)) {
                continue;
            }
            latest.merge(day, p, (a, b) -> a.at().isAfter(b.at()) ? a : b);
        }
        Map<LocalDate, Double> out = new TreeMap<>();
        latest.forEach((day, p) -> out.put(day, p.score()));
        return out;
    }

    private static String words(String name, Map<LocalDate, Double> values) {
        var days = new ArrayList<>(values.keySet());
        LocalDate from = days.getFirst();
        LocalDate to = days.getLast();
        if (from.equals(to)) {
            return name + ": " + Math.round(values.get(to)) + " on " + DAY.format(to);
        }
        return name + ": " + Math.round(values.get(from)) + " on " + DAY.format(from) + ", "
                + Math.round(values.get(to)) + " on " + DAY.format(to);
    }

    private static double x(LocalDate day, LocalDate first, int days) {
        long index = day.toEpochDay() - first.toEpochDay();
        return days <= 1 ? LEFT : LEFT + (RIGHT - LEFT) * (double) index / (days - 1);
    }

    private static double y(double score) {
        double clamped = Math.max(0, Math.min(100, score));
        return BOTTOM - (BOTTOM - TOP) * clamped / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static List<String> blank(int size) {
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add("");
        }
        return values;
    }
}

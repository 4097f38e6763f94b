package dev.tessera.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The table every benchmark ends with: scenario, Tessera, floor, ratio, goal and whether this run
 * met it. A goal row carries a verdict the run can miss (PASS or MISS); a row added with
 * {@link #add} only reports a figure and shows none.
 */
final class ResultTable {

    private record Row(String scenario, String tessera, String floor, String ratio, String goal, String result) {}

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private int passed;
    private int missed;

    ResultTable(String title) {
        this.title = title;
    }

    /** Adds a row that reports a figure without a goal of its own; the ratio is tessera / floor. */
    void add(String scenario, double tessera, double floor, String unit, String note) {
        rows.add(new Row(scenario, figure(tessera, unit), figure(floor, unit), ratio(tessera, floor), note, ""));
    }

    /** Adds a goal row: {@code met} is whether this run's figures reached {@code goal}. */
    void goal(String scenario, double tessera, double floor, String unit, String goal, boolean met) {
        if (met) {
            passed++;
        } else {
            missed++;
        }
        rows.add(new Row(
                scenario,
                figure(tessera, unit),
                figure(floor, unit),
                ratio(tessera, floor),
                goal,
                met ? "PASS" : "MISS"));
    }

    /** Goals this table has missed so far. */
    int missed() {
        return missed;
    }

    void print() {
        String[] header = {"scenario", "Tessera", "floor", "ratio", "goal", "result"};
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (Row r : rows) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder("\n== ").append(title).append(" ==\n");
        line(out, header, width);
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("-+-");
        }
        out.append(rule, 0, rule.length() - 3).append('\n');
        for (Row r : rows) {
            line(out, cells(r), width);
        }
        if (passed + missed > 0) {
            out.append(String.format("goals: %d PASS, %d MISS%n", passed, missed));
        }
        System.out.println(out);
    }

    private static String[] cells(Row r) {
        return new String[] {r.scenario(), r.tessera(), r.floor(), r.ratio(), r.goal(), r.result()};
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            out.append(String.format("%-" + width[i] + "s", cells[i]));
            out.append(i == cells.length - 1 ? "\n" : " | ");
        }
    }

    private static String figure(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return (value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value)) + " " + unit;
    }

    private static String ratio(double tessera, double floor) {
        return floor == 0 || Double.isNaN(floor) || Double.isNaN(tessera)
                ? "-"
                : String.format("%.2f", tessera / floor);
    }
}

package dev.tessera.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The table every benchmark ends with: scenario, Tessera, floor, ratio, goal. */
final class ResultTable {

    private record Row(String scenario, String tessera, String floor, String ratio, String goal) {}

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    ResultTable(String title) {
        this.title = title;
    }

    /** Adds a row; the ratio is tessera / floor. */
    void add(String scenario, double tessera, double floor, String unit, String goal) {
        rows.add(new Row(
                scenario,
                format(tessera) + " " + unit,
                format(floor) + " " + unit,
                floor == 0 ? "-" : String.format("%.2f", tessera / floor),
                goal));
    }

    void print() {
        String[] header = {"scenario", "Tessera", "floor", "ratio", "goal"};
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (Row r : rows) {
            String[] cells = {r.scenario(), r.tessera(), r.floor(), r.ratio(), r.goal()};
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
            line(out, new String[] {r.scenario(), r.tessera(), r.floor(), r.ratio(), r.goal()}, width);
        }
        System.out.println(out);
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            out.append(String.format("%-" + width[i] + "s", cells[i]));
            out.append(i == cells.length - 1 ? "\n" : " | ");
        }
    }

    private static String format(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
}

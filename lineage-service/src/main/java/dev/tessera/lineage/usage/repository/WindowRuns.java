package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.usage.model.Window;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runs of some products within a window, per day, summed from the parts of monthly rows that
 * fall within it. A monthly row holds one month of one job's runs of one product, one element per
 * day of the month; the database sends a job's parts as text, each its first day and its runs:
 * {@code <epoch day>:<runs>,<runs>,...}, parts separated by {@code ;}. That text is read from its
 * bytes as it arrived, so a window may start or end anywhere in a month and no element becomes an
 * object on the way.
 */
final class WindowRuns {

    private final long firstDay;
    private final int days;
    private final Map<String, long[]> perDay = new HashMap<>();

    WindowRuns(Window window) {
        firstDay = window.from().toEpochDay();
        days = Math.toIntExact(window.to().toEpochDay() - firstDay + 1);
    }

    /**
     * Adds one job's parts of its monthly rows (ASCII text as above) to the product's days and
     * returns the job's runs within the window (a day outside it is not counted).
     */
    long add(String productId, byte[] parts) {
        long[] daily = perDay.computeIfAbsent(productId, k -> new long[days]);
        long sum = 0;
        long day = 0;
        long number = 0;
        boolean negative = false;
        for (int i = 0; i <= parts.length; i++) {
            byte c = i < parts.length ? parts[i] : (byte) ';';
            switch (c) {
                case '-' -> negative = true;
                case ':' -> {
                    day = (negative ? -number : number) - firstDay;
                    number = 0;
                    negative = false;
                }
                case ',', ';' -> {
                    long runs = negative ? -number : number;
                    if (day >= 0 && day < days) {
                        daily[(int) day] += runs;
                        sum += runs;
                    }
                    day++;
                    number = 0;
                    negative = false;
                }
                default -> number = number * 10 + (c - '0');
            }
        }
        return sum;
    }

    /** The product's runs per day within the window, oldest first (days without runs absent). */
    Map<LocalDate, Long> days(String productId) {
        long[] daily = perDay.get(productId);
        if (daily == null) {
            return Map.of();
        }
        Map<LocalDate, Long> answer = new LinkedHashMap<>();
        for (int i = 0; i < daily.length; i++) {
            if (daily[i] != 0) {
                answer.put(LocalDate.ofEpochDay(firstDay + i), daily[i]);
            }
        }
        return answer;
    }
}

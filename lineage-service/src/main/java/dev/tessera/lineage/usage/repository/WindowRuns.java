package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.usage.model.Window;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runs of some products within a window, summed in one pass over their monthly rows: per job
 * and per day. A row holds one month of one job's runs of one product, one element per day of the
 * month; the statement ({@link #RUNS}) sends only the elements whose days fall within the window,
 * as text, so a window may start or end anywhere in a month and no element is boxed on the way.
 */
final class WindowRuns {

    /**
     * The window's part of each monthly row a window touches (at most two per job for 30 days):
     * the epoch day of its first element and the elements, comma-separated. Parameters: the
     * window's first day, its last day, the products.
     */
    static final String RUNS = """
            SELECT m.product_id, m.job, d.first_day - DATE '1970-01-01',
                   array_to_string(m.runs[d.first_day - m.month + 1 : d.last_day - m.month + 1], ',', '0')
            FROM (VALUES (?::date, ?::date)) AS w(first_day, last_day)
            JOIN usage_monthly m ON m.product_id = ANY(?::text[])
              AND m.month BETWEEN date_trunc('month', w.first_day)::date AND w.last_day
            CROSS JOIN LATERAL (SELECT greatest(m.month, w.first_day) AS first_day,
                                       least((m.month + interval '1 month')::date - 1, w.last_day) AS last_day) d""";

    private final long firstDay;
    private final int days;
    private final Map<String, Map<String, Long>> jobs = new HashMap<>();
    private final Map<String, long[]> perDay = new HashMap<>();

    WindowRuns(Window window) {
        firstDay = window.from().toEpochDay();
        days = Math.toIntExact(window.to().toEpochDay() - firstDay + 1);
    }

    /**
     * Adds a part of one job's month: {@code runs} holds the runs of consecutive days, the first of
     * them {@code firstEpochDay}, as decimal numbers separated by commas in ASCII, the column's bytes
     * as the driver received them (no string is made of them: an answer reads two thousand such
     * rows); days past the window are never counted.
     */
    void add(String productId, String job, long firstEpochDay, byte[] runs) {
        long[] daily = perDay.computeIfAbsent(productId, k -> new long[days]);
        long sum = 0;
        int day = Math.toIntExact(firstEpochDay - firstDay);
        long n = 0;
        int sign = 1;
        for (int i = 0, length = runs.length; i <= length; i++) {
            int c = i < length ? runs[i] : ',';
            if (c == ',') {
                if (day >= 0 && day < days) {
                    daily[day] += sign * n;
                    sum += sign * n;
                }
                day++;
                n = 0;
                sign = 1;
            } else if (c == '-') {
                sign = -1;
            } else {
                n = n * 10 + (c - '0');
            }
        }
        jobs.computeIfAbsent(productId, k -> new HashMap<>()).merge(job, sum, Long::sum);
    }

    /** The product's runs per job within the window (jobs without a row absent). */
    Map<String, Long> jobs(String productId) {
        return jobs.getOrDefault(productId, Map.of());
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

package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.usage.model.Window;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runs of some products within a window, summed in one pass over their monthly rows: per job
 * and per day. A row holds one month of one job's runs of one product, one element per day of the
 * month, each a four-byte big-endian integer; the statement ({@link #RUNS}) sends only the bytes of
 * the elements whose days fall within the window, as they are stored, so a window may start or end
 * anywhere in a month and no element is written as text or boxed on the way.
 */
final class WindowRuns {

    /**
     * The window's part of each monthly row a window touches (at most two per job for 30 days):
     * the product's position in the list asked for (from 1), the job, the epoch day of its first
     * element and the elements' bytes. A position rather than the product's id, so that
     * two thousand rows of one product do not each bring its id back as a string. Parameters: the
     * window's first day, its last day, the products.
     */
    static final String RUNS = """
            SELECT p.k, m.job, d.first_day - DATE '1970-01-01',
                   substring(m.runs FROM (d.first_day - m.month) * 4 + 1 FOR (d.last_day - d.first_day + 1) * 4)
            FROM (VALUES (?::date, ?::date)) AS w(first_day, last_day)
            CROSS JOIN unnest(?::text[]) WITH ORDINALITY AS p(product_id, k)
            JOIN usage_monthly m ON m.product_id = p.product_id
              AND m.month BETWEEN date_trunc('month', w.first_day)::date AND w.last_day
            CROSS JOIN LATERAL (SELECT greatest(m.month, w.first_day) AS first_day,
                                       least((m.month + interval '1 month')::date - 1, w.last_day) AS last_day) d""";

    private final long firstDay;
    private final int days;
    private final Map<String, Map<String, Long>> jobs = new HashMap<>();
    private final Map<String, long[]> perDay = new HashMap<>();
    /** The product of the latest row and its sums: a product's rows come one after the other. */
    private String product;

    private long[] productDays;
    private Map<String, Long> productJobs;

    WindowRuns(Window window) {
        firstDay = window.from().toEpochDay();
        days = Math.toIntExact(window.to().toEpochDay() - firstDay + 1);
    }

    /**
     * Adds a part of one job's month: {@code runs} holds the runs of consecutive days, the first of
     * them {@code firstEpochDay}, each a four-byte big-endian integer (the column's bytes as the
     * driver received them); days past the window are never counted.
     */
    void add(String productId, String job, long firstEpochDay, byte[] runs) {
        if (!productId.equals(product)) {
            product = productId;
            productDays = perDay.computeIfAbsent(productId, k -> new long[days]);
            productJobs = jobs.computeIfAbsent(productId, k -> new HashMap<>());
        }
        long[] daily = productDays;
        long sum = 0;
        int day = Math.toIntExact(firstEpochDay - firstDay);
        for (int i = 0; i + Integer.BYTES <= runs.length; i += Integer.BYTES, day++) {
            int n = (runs[i] << 24) | ((runs[i + 1] & 0xff) << 16) | ((runs[i + 2] & 0xff) << 8) | (runs[i + 3] & 0xff);
            if (day >= 0 && day < days) {
                daily[day] += n;
                sum += n;
            }
        }
        productJobs.merge(job, sum, Long::sum);
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

package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.usage.model.Window;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runs of some products within a window, summed in one pass over their monthly rows: per job
 * and per day. A row holds one month of one job's runs of one product, one element per day of the
 * month; only the elements whose days fall within the window count, so a window may start or end
 * anywhere in a month.
 */
final class WindowRuns {

    private final long firstDay;
    private final long lastDay;
    private final int days;
    private final Map<String, Map<String, Long>> jobs = new HashMap<>();
    private final Map<String, long[]> perDay = new HashMap<>();

    WindowRuns(Window window) {
        firstDay = window.from().toEpochDay();
        lastDay = window.to().toEpochDay();
        days = Math.toIntExact(lastDay - firstDay + 1);
    }

    /** The first month any row of the window can belong to. */
    static LocalDate firstMonth(Window window) {
        return window.from().withDayOfMonth(1);
    }

    /**
     * Adds one job's month: {@code runs[d - 1]} is the runs of day {@code d} (the elements past the
     * month's last day are never read).
     */
    void add(String productId, String job, LocalDate month, Integer[] runs) {
        long[] daily = perDay.computeIfAbsent(productId, k -> new long[days]);
        long monthStart = month.toEpochDay();
        long first = Math.max(firstDay, monthStart);
        long last = Math.min(lastDay, monthStart + month.lengthOfMonth() - 1);
        long sum = 0;
        for (long day = first; day <= last; day++) {
            int n = runs[(int) (day - monthStart)];
            sum += n;
            daily[(int) (day - firstDay)] += n;
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

package dev.tessera.lineage.usage.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.LineageTestResources;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The schema's functions on a monthly row of runs (31 four-byte integers), as ingest uses them to
 * count: building a month's changes from days and counts, and adding them to what is stored, by
 * the in-place path (one day changed) and by the element-by-element one (several days), checked
 * against the same sums done here.
 */
@QuarkusTest
@LineageTestResources
class MonthlyRunsSqlTest {

    private static final String ADDED = "SELECT array_agg(usage_day_runs(usage_month_add("
            + "usage_month_runs(?::int[], ?::int[]), usage_month_runs(?::int[], ?::int[])), d) ORDER BY d)"
            + " FROM generate_series(1, 31) AS d";

    @Inject
    DataSource database;

    @Test
    void oneDayAddedToAStoredMonthChangesThatDayOnly() throws SQLException {
        Map<Integer, Integer> stored = Map.of(1, 10, 7, 20, 31, 30);
        assertAdded(stored, Map.of(7, 5));
        assertAdded(stored, Map.of(1, -1));
        assertAdded(stored, Map.of(31, 1));
        assertAdded(stored, Map.of(15, 1));
    }

    @Test
    void changesToSeveralDaysAreEachAdded() throws SQLException {
        // A run moved from the 31st onto the 2nd; a batch spanning three days.
        assertAdded(Map.of(1, 10, 31, 30), Map.of(2, 1, 31, -1));
        assertAdded(Map.of(), Map.of(3, 4, 4, 5, 28, 6));
    }

    @Test
    void countsAboveAByteAndBelowZeroKeepEveryByte() throws SQLException {
        assertAdded(Map.of(15, 255), Map.of(15, 1));
        assertAdded(Map.of(15, 65_535, 16, 3), Map.of(15, 70_000));
        assertAdded(Map.of(15, 16_777_216), Map.of(15, -16_777_217));
        assertAdded(Map.of(15, 2), Map.of(14, 300, 15, -3));
    }

    @Test
    void aDayNamedTwiceInOneChangeGetsBothCounts() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT usage_day_runs(usage_month_runs('{5,5,9}', '{2,3,-1}'), d) FROM unnest('{5,9}'::int[]) d")) {
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(5);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(-1);
            }
        }
    }

    /** usage_month_add(stored, added), every element of it, is stored + added summed per day. */
    private void assertAdded(Map<Integer, Integer> stored, Map<Integer, Integer> added) throws SQLException {
        Integer[] expected = new Integer[31];
        for (int day = 1; day <= 31; day++) {
            expected[day - 1] = stored.getOrDefault(day, 0) + added.getOrDefault(day, 0);
        }
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(ADDED)) {
            bind(connection, statement, 1, stored);
            bind(connection, statement, 3, added);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                Array days = rows.getArray(1);
                assertThat((Integer[]) days.getArray())
                        .as("%s + %s", stored, added)
                        .containsExactly(expected);
            }
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int first, Map<Integer, Integer> days)
            throws SQLException {
        Map<Integer, Integer> sorted = new TreeMap<>(days);
        statement.setArray(
                first, connection.createArrayOf("integer", sorted.keySet().toArray()));
        statement.setArray(
                first + 1, connection.createArrayOf("integer", sorted.values().toArray()));
    }
}

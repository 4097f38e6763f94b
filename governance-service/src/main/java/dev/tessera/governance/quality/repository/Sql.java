package dev.tessera.governance.quality.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Small JDBC helpers of the quality stores: rows as text arrays, times as text and back. */
final class Sql {

    private Sql() {}

    /** One field of every row, as a text array PostgreSQL casts to the column's type. */
    static <T> java.sql.Array texts(Connection c, List<T> rows, java.util.function.Function<T, String> field)
            throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(rows.get(i));
        }
        return c.createArrayOf("text", values);
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}

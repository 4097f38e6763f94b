package dev.tessera.platform.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Many rows in one statement: each column is bound as one array parameter and PostgreSQL's
 * {@code unnest} turns the arrays back into rows, so a batch costs one statement and one round trip
 * whatever its size, and the statement text is the same for every size (one plan).
 *
 * <p>An instance names the columns (what the statement calls them, their SQL type, how to read each
 * from a row) and is immutable: a repository keeps one as a constant beside the statement that uses
 * it. {@link #call()}, {@link #as} and {@link #withOrdinality} write the {@code unnest(...)} part of
 * that statement; {@link #values} reads a list of rows into the arrays it binds, in the same column
 * order. Timestamps and dates travel as ISO-8601 text and are cast by the placeholder, so an instant
 * arrives exact whatever the session's time zone.
 *
 * @param <R> the rows' type
 */
public final class Unnest<R> {

    /**
     * One column: its name in the statement, the SQL type of its placeholder's cast, the element type
     * of the array it is sent as, how to read it from a row and how to make a typed array of it.
     */
    private record Column<R>(
            String name, String sqlType, String sentAs, Function<? super R, ?> value, IntFunction<Object[]> array) {}

    private final List<Column<R>> columns;

    private Unnest(List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
    }

    /** No columns yet, for rows of this type. */
    public static <R> Unnest<R> of(Class<R> rowType) {
        return new Unnest<>(List.of());
    }

    public Unnest<R> text(String name, Function<? super R, String> value) {
        return with(new Column<>(name, "text", "text", value, String[]::new));
    }

    public Unnest<R> int4(String name, Function<? super R, Integer> value) {
        return with(new Column<>(name, "int4", "int4", value, Integer[]::new));
    }

    public Unnest<R> int8(String name, Function<? super R, Long> value) {
        return with(new Column<>(name, "int8", "int8", value, Long[]::new));
    }

    public Unnest<R> bool(String name, Function<? super R, Boolean> value) {
        return with(new Column<>(name, "bool", "bool", value, Boolean[]::new));
    }

    /** A {@code timestamptz} column; a null instant stays null. */
    public Unnest<R> timestamptz(String name, Function<? super R, Instant> value) {
        return with(new Column<>(name, "timestamptz", "text", row -> text(value.apply(row)), String[]::new));
    }

    /** A {@code date} column; a null date stays null. */
    public Unnest<R> date(String name, Function<? super R, LocalDate> value) {
        return with(new Column<>(name, "date", "text", row -> text(value.apply(row)), String[]::new));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private Unnest<R> with(Column<R> column) {
        if (columns.stream().anyMatch(c -> c.name().equals(column.name()))) {
            throw new IllegalArgumentException("column " + column.name() + " is named twice");
        }
        List<Column<R>> more = new ArrayList<>(columns);
        more.add(column);
        return new Unnest<>(more);
    }

    /** {@code unnest(?::text[], ?::int4[], ...)}: one placeholder a column, in column order. */
    public String call() {
        StringJoiner placeholders = new StringJoiner(", ", "unnest(", ")");
        columns.forEach(c -> placeholders.add("?::" + c.sqlType() + "[]"));
        return placeholders.toString();
    }

    /** {@code unnest(...) AS alias(column, ...)}: the rows under the columns' names. */
    public String as(String alias) {
        return call() + " AS " + alias + names(List.of());
    }

    /**
     * {@code unnest(...) WITH ORDINALITY AS alias(column, ..., ordinality)}: the rows with their
     * position in the list (from 1), to keep the list's order where it matters ({@code ORDER BY}).
     */
    public String withOrdinality(String alias, String ordinality) {
        return call() + " WITH ORDINALITY AS " + alias + names(List.of(ordinality));
    }

    private String names(List<String> extra) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        columns.forEach(c -> names.add(c.name()));
        extra.forEach(names::add);
        return names.toString();
    }

    /** The arrays of these rows, one a column, in the order of the rows. */
    public Values values(Collection<? extends R> rows) {
        List<R> list = List.copyOf(rows);
        String[] sentAs = new String[columns.size()];
        Object[][] arrays = new Object[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            Column<R> column = columns.get(c);
            Object[] array = column.array().apply(list.size());
            for (int i = 0; i < array.length; i++) {
                array[i] = column.value().apply(list.get(i));
            }
            sentAs[c] = column.sentAs();
            arrays[c] = array;
        }
        return new Values(sentAs, arrays);
    }

    /** The arrays of some rows, ready to bind to the placeholders {@link #call()} wrote. */
    public static final class Values {

        private final String[] sentAs;
        private final Object[][] arrays;

        private Values(String[] sentAs, Object[][] arrays) {
            this.sentAs = sentAs;
            this.arrays = arrays;
        }

        /**
         * Binds the arrays to consecutive parameters from {@code first} on; the index of the next
         * parameter after them.
         */
        public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
            int next = first;
            for (int c = 0; c < arrays.length; c++) {
                statement.setArray(next++, connection.createArrayOf(sentAs[c], arrays[c]));
            }
            return next;
        }
    }
}

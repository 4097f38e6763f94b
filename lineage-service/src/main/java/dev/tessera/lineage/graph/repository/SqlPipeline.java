package dev.tessera.lineage.graph.repository;

import dev.tessera.platform.sql.Unnest;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.hibernate.Session;

/**
 * Several statements of one transaction sent to PostgreSQL in one round trip. The JDBC driver sends
 * a prepared statement holding several SQL statements as one message sequence and reads all their
 * results after a single wait, so statements that do not need each other's answers cost one round
 * trip together instead of one each. Each step binds its own parameters and, when it returns rows,
 * reads them; the answers are there once {@link #run} returns, and callbacks registered with
 * {@link #afterRun} see them. A failing step fails the whole call (and so the transaction).
 */
public final class SqlPipeline {

    /** Binds one step's parameters, in the order its SQL names them. */
    @FunctionalInterface
    public interface Binder {
        void bind(Parameters parameters) throws SQLException;
    }

    /** Reads the rows a step returned. */
    @FunctionalInterface
    public interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    private record Step(String sql, Binder binder, Rows rows) {}

    private final List<Step> steps = new ArrayList<>();
    private final List<Runnable> after = new ArrayList<>();

    /** A statement whose rows are not needed (its update count is ignored). */
    public SqlPipeline update(String sql, Binder binder) {
        steps.add(new Step(sql, binder, null));
        return this;
    }

    /** A statement returning rows (a SELECT, or a write with RETURNING). */
    public SqlPipeline query(String sql, Binder binder, Rows rows) {
        steps.add(new Step(sql, binder, rows));
        return this;
    }

    /** Something to do once every step ran and read its rows, still inside the transaction. */
    public SqlPipeline afterRun(Runnable callback) {
        after.add(callback);
        return this;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Runs every step in order on the transaction's connection, in one round trip. */
    public void run(EntityManager entities) {
        if (!steps.isEmpty()) {
            entities.unwrap(Session.class).doWork(this::execute);
        }
        after.forEach(Runnable::run);
    }

    /**
     * Runs every step in order on a connection of the caller's (outside any transaction of the
     * application's, in auto-commit for reads), in one round trip.
     */
    public void run(Connection connection) throws SQLException {
        if (!steps.isEmpty()) {
            execute(connection);
        }
        after.forEach(Runnable::run);
    }

    private void execute(Connection connection) throws SQLException {
        StringJoiner sql = new StringJoiner(";\n");
        steps.forEach(step -> sql.add(step.sql()));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            Parameters parameters = new Parameters(connection, statement);
            for (Step step : steps) {
                step.binder().bind(parameters);
            }
            statement.execute();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step.rows() != null) {
                    ResultSet rows = statement.getResultSet();
                    if (rows == null) {
                        throw new SQLException("step " + i + " returned no rows: " + step.sql());
                    }
                    step.rows().read(rows);
                }
                statement.getMoreResults();
            }
        }
    }

    /** The parameters of the whole pipeline, bound one after the other. */
    public static final class Parameters {
        private final Connection connection;
        private final PreparedStatement statement;
        private int next = 1;

        Parameters(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        public Parameters text(String value) throws SQLException {
            statement.setString(next++, value);
            return this;
        }

        public Parameters texts(String[] values) throws SQLException {
            statement.setArray(next++, connection.createArrayOf("text", values));
            return this;
        }

        public Parameters ints(Integer[] values) throws SQLException {
            statement.setArray(next++, connection.createArrayOf("int4", values));
            return this;
        }

        public Parameters longs(Long[] values) throws SQLException {
            statement.setArray(next++, connection.createArrayOf("int8", values));
            return this;
        }

        /** The arrays of some rows, for the placeholders of an {@link Unnest}'s {@code unnest(...)}. */
        public Parameters unnest(Unnest.Values rows) throws SQLException {
            next = rows.bind(connection, statement, next);
            return this;
        }
    }
}

package dev.tessera.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.RealInfrastructureExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class UnnestTest {

    private record Reading(String sensor, Integer count, Long total, Boolean ok, Instant at, LocalDate day) {}

    private static final Unnest<Reading> READINGS = Unnest.of(Reading.class)
            .text("sensor", Reading::sensor)
            .int4("count", Reading::count)
            .int8("total", Reading::total)
            .bool("ok", Reading::ok)
            .timestamptz("at", Reading::at)
            .date("day", Reading::day);

    @Test
    void theStatementNamesOnePlaceholderAColumnWithItsType() {
        assertThat(READINGS.call())
                .isEqualTo("unnest(?::text[], ?::int4[], ?::int8[], ?::bool[], ?::timestamptz[], ?::date[])");
        assertThat(READINGS.as("r")).endsWith(" AS r(sensor, count, total, ok, at, day)");
        assertThat(READINGS.withOrdinality("r", "pos"))
                .endsWith(" WITH ORDINALITY AS r(sensor, count, total, ok, at, day, pos)");
    }

    @Test
    void aColumnNamedTwiceIsRefused() {
        assertThatThrownBy(() -> READINGS.text("sensor", Reading::sensor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor");
    }

    @Test
    void rowsComeBackInListOrderWithEveryTypeAndNullIntact(EmbeddedPostgresServer pg) throws SQLException {
        Instant at = Instant.parse("2024-05-01T10:15:30.123456Z");
        List<Reading> rows = List.of(
                new Reading("b", 2, 5_000_000_000L, true, at, LocalDate.of(2024, 2, 29)),
                new Reading("a", null, null, null, null, null),
                new Reading("c'; drop table x; --", -1, -1L, false, Instant.EPOCH, LocalDate.of(1999, 12, 31)));

        List<Reading> read = new ArrayList<>();
        try (Connection connection = connect(pg)) {
            // A session far from UTC: the instants must not move.
            try (Statement zone = connection.createStatement()) {
                zone.execute("SET TIME ZONE 'Pacific/Kiritimati'");
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT ?::text AS before, r.* FROM "
                    + READINGS.withOrdinality("r", "pos") + " WHERE ?::int4 > 0 ORDER BY pos")) {
                select.setString(1, "first");
                int next = READINGS.values(rows).bind(connection, select, 2);
                select.setInt(next, 1);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        assertThat(result.getString("before")).isEqualTo("first");
                        read.add(new Reading(
                                result.getString("sensor"),
                                (Integer) result.getObject("count"),
                                (Long) result.getObject("total"),
                                (Boolean) result.getObject("ok"),
                                instant(result.getObject("at", OffsetDateTime.class)),
                                result.getObject("day", LocalDate.class)));
                    }
                }
            }
        }

        assertThat(read).containsExactlyElementsOf(rows);
    }

    @Test
    void noRowsIsAnEmptyResult(EmbeddedPostgresServer pg) throws SQLException {
        try (Connection connection = connect(pg);
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM " + READINGS.as("r"))) {
            READINGS.values(List.of()).bind(connection, select, 1);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                assertThat(result.getLong(1)).isZero();
            }
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Connection connect(EmbeddedPostgresServer pg) throws SQLException {
        pg.ensureDatabase("runtime_sql");
        return DriverManager.getConnection(pg.jdbcUrl("runtime_sql"), pg.username(), pg.password());
    }
}

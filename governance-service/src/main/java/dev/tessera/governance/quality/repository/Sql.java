package dev.tessera.governance.quality.repository;

import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC helpers of the quality stores. */
final class Sql {

    private Sql() {}

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}

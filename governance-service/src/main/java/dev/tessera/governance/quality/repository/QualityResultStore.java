package dev.tessera.governance.quality.repository;

import static dev.tessera.governance.quality.repository.Sql.instant;

import dev.tessera.governance.quality.rules.Verdict.Outcome;
import dev.tessera.governance.quality.service.CheckResult;
import dev.tessera.governance.quality.service.CheckSource;
import dev.tessera.platform.sql.Unnest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * Check results and what is kept of them: the processed-observation log, the history, the latest
 * result per check, the daily rollup, and datasets no port maps to. Written set-based: each method is
 * one statement for any number of rows, the rows passed as arrays, so a batch of observations costs a
 * handful of round trips whatever its size. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class QualityResultStore {

    /** The processed-event log's consumer name for observations. */
    static final String OBSERVATIONS_CONSUMER = "quality-observations";

    @Inject
    EntityManager em;

    /** A product's stored state payload, as the registry published it. */
    /**
     * A product as governance stores it: its registry sequence and, unless the caller already knew
     * that sequence, its state payload ({@code null} when it did).
     */
    public record ProductState(String productId, String domainId, long sequence, String state) {}

    /** One port's passed and failed results on one day. */
    public record Day(String productId, String port, LocalDate day, long passed, long failed) {}

    /** A dataset with quality reported that serves no port. */
    public record Unmapped(String datasetName, String names, Instant lastSeenAt, long observations, String lastFacts) {}

    /** Records observation ids; returns those not seen before (the ones to apply). */
    public Set<String> firstSeen(Collection<String> observationIds) {
        if (observationIds.isEmpty()) {
            return Set.of();
        }
        return work(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO processed_event (consumer, event_id, processed_at)"
                            + " SELECT ?, id, now() FROM unnest(?::text[]) AS u(id)"
                            + " ON CONFLICT DO NOTHING RETURNING event_id")) {
                s.setString(1, OBSERVATIONS_CONSUMER);
                s.setArray(2, c.createArrayOf("text", observationIds.toArray(String[]::new)));
                Set<String> fresh = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1));
                    }
                }
                return fresh;
            }
        });
    }

    /** The stored states of the given products; unknown ids are missing from the map. */
    public Map<String, ProductState> productStates(Collection<String> productIds) {
        return productStates(productIds, Map.of());
    }

    /**
     * The stored states of the given products, without the payload of those whose sequence the
     * caller already holds ({@code known}: product id to sequence); unknown ids are missing.
     */
    public Map<String, ProductState> productStates(Collection<String> productIds, Map<String, Long> known) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        Unnest.Values held = KNOWN.values(known.entrySet().stream()
                .map(k -> new Known(k.getKey(), k.getValue()))
                .toList());
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT p.product_id, p.domain_id, p.sequence,"
                    + " CASE WHEN k.seq = p.sequence THEN NULL ELSE p.state::text END"
                    + " FROM product_state p LEFT JOIN " + KNOWN.as("k")
                    + " ON k.id = p.product_id WHERE p.product_id = ANY(?::text[])")) {
                int next = held.bind(c, s, 1);
                s.setArray(next, c.createArrayOf("text", productIds.toArray(String[]::new)));
                Map<String, ProductState> states = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        states.put(
                                rs.getString(1),
                                new ProductState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                    }
                }
                return states;
            }
        });
    }

    /** A product state the caller holds, by its sequence. */
    private record Known(String productId, long sequence) {}

    private static final Unnest<Known> KNOWN =
            Unnest.of(Known.class).text("id", Known::productId).int8("seq", Known::sequence);

    /** Appends results to the history. */
    public void appendHistory(List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Unnest.Values rows = HISTORY.values(results);
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_result (product_id, port, check_id,"
                    + " source, outcome, observed, operator, threshold, unit, name, column_name, severity, observed_at,"
                    + " run_id, event_id, observation_id, tool, recorded_at)"
                    + " SELECT u.*, now() FROM " + HISTORY.as("u"))) {
                rows.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    /**
     * Makes each result the latest of its check unless the stored one outranks it
     * ({@link CheckResult#RECENCY}); at most one result per check.
     */
    public void upsertLatest(List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Unnest.Values rows = LATEST.values(results);
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_check_latest AS l (product_id, port,"
                    + " check_id, source, outcome, observed, operator, threshold, unit, name, column_name, severity,"
                    + " observed_at, run_id, event_id, observation_id)"
                    + " SELECT * FROM " + LATEST.call()
                    + " ON CONFLICT (product_id, port, check_id) DO UPDATE SET source = EXCLUDED.source,"
                    + " outcome = EXCLUDED.outcome, observed = EXCLUDED.observed, operator = EXCLUDED.operator,"
                    + " threshold = EXCLUDED.threshold, unit = EXCLUDED.unit, name = EXCLUDED.name,"
                    + " column_name = EXCLUDED.column_name, severity = EXCLUDED.severity,"
                    + " observed_at = EXCLUDED.observed_at, run_id = EXCLUDED.run_id, event_id = EXCLUDED.event_id,"
                    + " observation_id = EXCLUDED.observation_id"
                    + " WHERE (l.outcome <> 'UNKNOWN', l.observed_at, l.observation_id)"
                    + " < (EXCLUDED.outcome <> 'UNKNOWN', EXCLUDED.observed_at, EXCLUDED.observation_id)")) {
                rows.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** Adds passed and failed counts to the daily rollup. */
    public void addToDaily(List<Day> days) {
        if (days.isEmpty()) {
            return;
        }
        Unnest.Values rows = DAYS.values(days);
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_daily AS d (product_id, port, day,"
                    + " passed, failed) SELECT * FROM " + DAYS.call()
                    + " ON CONFLICT (product_id, port, day) DO UPDATE SET passed = d.passed + EXCLUDED.passed,"
                    + " failed = d.failed + EXCLUDED.failed")) {
                rows.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** The latest result of every check of the given products. */
    public List<CheckResult> latest(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT product_id, port, check_id, source, outcome,"
                    + " observed, operator, threshold, unit, name, column_name, severity, observed_at, run_id,"
                    + " event_id, observation_id FROM quality_check_latest WHERE product_id = ANY(?::text[])"
                    + " ORDER BY product_id, port, check_id")) {
                s.setArray(1, c.createArrayOf("text", productIds.toArray(String[]::new)));
                List<CheckResult> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new CheckResult(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                CheckSource.valueOf(rs.getString(4)),
                                Outcome.valueOf(rs.getString(5)),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10),
                                rs.getString(11),
                                rs.getString(12),
                                instant(rs.getTimestamp(13)),
                                rs.getString(14),
                                rs.getString(15),
                                rs.getString(16),
                                null));
                    }
                }
                return rows;
            }
        });
    }

    /** A port's daily counts from the given day on. */
    public List<Day> daily(String productId, LocalDate since) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT port, day, passed, failed FROM quality_daily"
                    + " WHERE product_id = ? AND day >= ? ORDER BY port, day")) {
                s.setString(1, productId);
                s.setObject(2, since);
                List<Day> days = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        days.add(new Day(
                                productId,
                                rs.getString(1),
                                rs.getObject(2, LocalDate.class),
                                rs.getLong(3),
                                rs.getLong(4)));
                    }
                }
                return days;
            }
        });
    }

    /**
     * Counts observations of unmapped datasets: one row per dataset, keeping the newest facts. The
     * arrays hold one entry per dataset, already folded.
     */
    public void recordUnmapped(List<Unmapped> datasets) {
        if (datasets.isEmpty()) {
            return;
        }
        Unnest.Values rows = UNMAPPED.values(datasets);
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_unmapped AS q (dataset_name, names,"
                    + " last_seen_at, observations, last_facts)"
                    + " SELECT n, ns::jsonb, at, cnt, f::jsonb FROM " + UNMAPPED.as("u")
                    + " ON CONFLICT (dataset_name) DO UPDATE SET observations = q.observations + EXCLUDED.observations,"
                    + " names = CASE WHEN EXCLUDED.last_seen_at >= q.last_seen_at THEN EXCLUDED.names ELSE q.names END,"
                    + " last_facts = CASE WHEN EXCLUDED.last_seen_at >= q.last_seen_at THEN EXCLUDED.last_facts"
                    + " ELSE q.last_facts END, last_seen_at = GREATEST(q.last_seen_at, EXCLUDED.last_seen_at)")) {
                rows.bind(c, s, 1);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** Unmapped datasets in name order after {@code after}. */
    public List<Unmapped> unmapped(String after, int limit) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT dataset_name, names::text, last_seen_at,"
                    + " observations, last_facts::text FROM quality_unmapped WHERE dataset_name > ?"
                    + " ORDER BY dataset_name LIMIT ?")) {
                s.setString(1, after == null ? "" : after);
                s.setInt(2, limit);
                List<Unmapped> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Unmapped(
                                rs.getString(1),
                                rs.getString(2),
                                instant(rs.getTimestamp(3)),
                                rs.getLong(4),
                                rs.getString(5)));
                    }
                }
                return rows;
            }
        });
    }

    /** Check results in the column order of the latest-result table. */
    private static final Unnest<CheckResult> LATEST = Unnest.of(CheckResult.class)
            .text("product_id", CheckResult::productId)
            .text("port", CheckResult::port)
            .text("check_id", CheckResult::checkId)
            .text("source", r -> r.source().name())
            .text("outcome", r -> r.outcome().name())
            .text("observed", CheckResult::observed)
            .text("operator", CheckResult::operator)
            .text("threshold", CheckResult::threshold)
            .text("unit", CheckResult::unit)
            .text("name", CheckResult::name)
            .text("column_name", CheckResult::column)
            .text("severity", CheckResult::severity)
            .timestamptz("observed_at", CheckResult::observedAt)
            .text("run_id", CheckResult::runId)
            .text("event_id", CheckResult::eventId)
            .text("observation_id", CheckResult::observationId);

    /** Check results in the column order of the history table: the latest's, and the tool. */
    private static final Unnest<CheckResult> HISTORY = LATEST.text("tool", CheckResult::tool);

    private static final Unnest<Day> DAYS = Unnest.of(Day.class)
            .text("product_id", Day::productId)
            .text("port", Day::port)
            .date("day", Day::day)
            .int8("passed", Day::passed)
            .int8("failed", Day::failed);

    private static final Unnest<Unmapped> UNMAPPED = Unnest.of(Unmapped.class)
            .text("n", Unmapped::datasetName)
            .text("ns", Unmapped::names)
            .timestamptz("at", Unmapped::lastSeenAt)
            .int8("cnt", Unmapped::observations)
            .text("f", Unmapped::lastFacts);

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}

package dev.tessera.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usage query's floor: the same answer the service gives a platform admin (totals by kind, the
 * daily series, every consumer with its kinds, runs, first and last read, jobs and grants, the
 * shadow consumers and the past grants) computed by one SQL statement on lineage's own tables, the
 * monthly rows of runs per day included, and returned as JSON text over one JDBC connection. The
 * runs in the window are summed in SQL from the elements of each month's row whose days the window
 * covers (read with the schema's own {@code usage_day_runs}), per job and per day.
 */
final class UsageFloor implements AutoCloseable {

    private static final String SQL = """
            WITH runs AS (
              SELECT m.job, m.month + d - 1 AS day, sum(usage_day_runs(m.runs, d)) AS runs
              FROM usage_monthly m
              CROSS JOIN generate_series(greatest(1, :from - m.month + 1), least(31, :to - m.month + 1)) AS d
              WHERE m.product_id = :p AND m.month BETWEEN :from - extract(day FROM :from)::int + 1 AND :to
              GROUP BY GROUPING SETS ((m.job), (m.month + d - 1))),
            jobs AS (
              SELECT j.job, o.product_id AS owner, op.domain_id AS owner_domain, j.first_read_at, j.last_read_at,
                     coalesce(r.runs, 0) AS runs
              FROM usage_job j
              LEFT JOIN usage_job_owner o ON o.job = j.job
              LEFT JOIN product op ON op.product_id = o.product_id
              LEFT JOIN runs r ON r.job = j.job AND r.day IS NULL
              WHERE j.product_id = :p AND o.product_id IS DISTINCT FROM :p),
            sources AS (
              SELECT coalesce('product:' || owner, 'job:' || job) AS key, owner AS product_id,
                     owner_domain AS domain_id, NULL::text AS subject, false AS declared, false AS granted,
                     (runs > 0 OR last_read_at BETWEEN :start AND :now) AS observed,
                     job, runs, first_read_at, last_read_at
              FROM jobs
              UNION ALL
              SELECT DISTINCT 'product:' || i.product_id, i.product_id, ip.domain_id, NULL, true, false, false,
                     NULL, 0, NULL::timestamptz, NULL::timestamptz
              FROM port_contract c JOIN product_input i ON i.contract_id = c.contract_id
              LEFT JOIN product ip ON ip.product_id = i.product_id
              WHERE c.product_id = :p AND i.product_id <> :p
              UNION ALL
              SELECT coalesce('product:' || consumer_product_id, 'subject:' || subject), consumer_product_id,
                     consumer_domain_id, CASE WHEN consumer_product_id IS NULL THEN subject END, false, true,
                     false, NULL, 0, NULL, NULL
              FROM usage_grant
              WHERE product_id = :p AND status = 'ACTIVE' AND consumer_product_id IS DISTINCT FROM :p),
            consumers AS (
              SELECT key, max(product_id) AS product_id, max(domain_id) AS domain_id, max(subject) AS subject,
                     bool_or(declared) AS declared, bool_or(granted) AS granted, bool_or(observed) AS observed,
                     sum(runs) AS runs, min(first_read_at) AS first_read_at, max(last_read_at) AS last_read_at,
                     coalesce(json_agg(json_build_object('job', job, 'reads', runs, 'firstReadAt', first_read_at,
                         'lastReadAt', last_read_at) ORDER BY last_read_at DESC, job)
                         FILTER (WHERE job IS NOT NULL), '[]') AS jobs
              FROM sources GROUP BY key
              HAVING bool_or(declared) OR bool_or(granted) OR bool_or(observed)),
            listed AS (
              SELECT c.key, c.last_read_at, c.observed AND NOT c.granted AND NOT c.declared AS shadow,
                     json_build_object(
                       'kinds', array_remove(ARRAY[CASE WHEN c.declared THEN 'DECLARED' END,
                           CASE WHEN c.granted THEN 'GRANTED' END, CASE WHEN c.observed THEN 'OBSERVED' END], NULL),
                       'shadow', c.observed AND NOT c.granted AND NOT c.declared,
                       'productId', c.product_id, 'domainId', c.domain_id, 'subject', c.subject, 'reads', c.runs,
                       'firstReadAt', c.first_read_at, 'lastReadAt', c.last_read_at, 'jobs', c.jobs,
                       'grants', coalesce((SELECT json_agg(json_build_object('requestId', g.request_id,
                           'port', g.port_name, 'productId', g.consumer_product_id, 'subject', g.subject,
                           'status', g.status, 'activeFrom', g.active_from, 'activeUntil', g.active_until))
                         FROM usage_grant g WHERE g.product_id = :p
                           AND coalesce('product:' || g.consumer_product_id, 'subject:' || g.subject) = c.key),
                         '[]')) AS consumer
              FROM consumers c),
            days AS (
              SELECT d::date AS day, coalesce(r.runs, 0) AS runs
              FROM generate_series(:from, :to, interval '1 day') AS d
              LEFT JOIN runs r ON r.day = d::date AND r.job IS NULL)
            SELECT json_build_object(
              'productId', :p,
              'totals', json_build_object(
                'consumers', (SELECT json_build_object('declared', count(*) FILTER (WHERE declared),
                    'granted', count(*) FILTER (WHERE granted), 'observed', count(*) FILTER (WHERE observed),
                    'shadow', count(*) FILTER (WHERE observed AND NOT granted AND NOT declared), 'total', count(*))
                  FROM consumers),
                'reads', (SELECT sum(runs) FROM days),
                'lastReadAt', (SELECT max(last_read_at) FROM jobs)),
              'daily', (SELECT json_agg(json_build_object('day', day, 'reads', runs) ORDER BY day) FROM days),
              'consumers', (SELECT coalesce(json_agg(consumer ORDER BY last_read_at DESC NULLS LAST, key), '[]')
                FROM listed),
              'shadowConsumers', (SELECT coalesce(json_agg(consumer ORDER BY last_read_at DESC NULLS LAST, key), '[]')
                FROM listed WHERE shadow),
              'pastGrants', (SELECT coalesce(json_agg(json_build_object('requestId', request_id,
                  'productId', consumer_product_id, 'status', status, 'activeFrom', active_from,
                  'activeUntil', active_until)), '[]')
                FROM usage_grant WHERE product_id = :p AND status <> 'ACTIVE'))::text""";

    private static final Pattern NAMED = Pattern.compile(":(p|from|to|start|now)\\b");

    private final PreparedStatement statement;
    private final List<String> order = new ArrayList<>();

    UsageFloor(Connection db) throws SQLException {
        StringBuilder sql = new StringBuilder();
        Matcher m = NAMED.matcher(SQL);
        while (m.find()) {
            order.add(m.group(1));
            String cast =
                    switch (m.group(1)) {
                        case "p" -> "?::text";
                        case "from", "to" -> "?::date";
                        default -> "?::timestamptz";
                    };
            m.appendReplacement(sql, Matcher.quoteReplacement(cast));
        }
        m.appendTail(sql);
        statement = db.prepareStatement(sql.toString());
    }

    /** The answer over the last {@code days} days as of {@code now}, as JSON text. */
    String usage(String productId, int days, Instant now) throws SQLException {
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = to.minusDays(days - 1L);
        for (int i = 0; i < order.size(); i++) {
            String value =
                    switch (order.get(i)) {
                        case "p" -> productId;
                        case "from" -> from.toString();
                        case "to" -> to.toString();
                        case "start" ->
                            from.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
                        default -> now.toString();
                    };
            statement.setString(i + 1, value);
        }
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}

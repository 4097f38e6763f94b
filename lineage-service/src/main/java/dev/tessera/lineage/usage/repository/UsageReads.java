package dev.tessera.lineage.usage.repository;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts reads as one statement of the ingest's pipeline: each run once per product and job, the
 * runs per product, job and day (one row per month holding each of its days), each job's first and
 * last read, and which product each job belongs to.
 *
 * <p>A run counts on the UTC day of the earliest of its events seen so far: an event of a run
 * already counted changes nothing unless it is earlier, and then it moves the run to its own day
 * (taking it off the day it counted on). Repeats and any order of START, RUNNING and COMPLETE
 * therefore count the run once, on the same day. The day's runs are element {@code d} of its
 * month's row (31 four-byte integers, migration V11): the statement adds a month's changes from
 * this call to what was stored, element by element, so a run moved between two days of one month
 * changes one row once; a change to one day only, the usual one, rewrites that element alone. Rows are written
 * in key order, so concurrent writers lock shared rows in the same order.
 *
 * <p>A product's own jobs are not its consumers: a read by a job that belongs to the product it
 * reads is not counted, and when a job turns out to belong to a product, what was counted of its
 * reads of that product is taken back.
 */
@ApplicationScoped
public class UsageReads {

    /**
     * One event's read of a product by a job.
     *
     * @param productId the product whose port's dataset was read
     * @param job the job, {@code namespace/name}
     * @param runId the run
     * @param at the event's time
     * @param writeOwner the product the job belongs to as the events of this write say, or null
     *     when they do not say (then the stored owner decides whether the read is the product's own)
     */
    public record Read(String productId, String job, String runId, Instant at, String writeOwner) {}

    /** A job and the product it belongs to (the product whose ports its outputs serve). */
    public record Owner(String job, String productId) {}

    private static final String RECORD = """
            WITH e AS (
              SELECT e.p, e.j, e.run, e.t::timestamptz AS t, e.w
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS e(p, j, run, t, w)
              WHERE e.w IS NOT NULL
                 OR NOT EXISTS (SELECT 1 FROM usage_job_owner o WHERE o.job = e.j AND o.product_id = e.p)),
            r AS (SELECT DISTINCT ON (p, j, run) p, j, run, t FROM e ORDER BY p, j, run, t),
            counted AS (
              INSERT INTO usage_read AS u (product_id, job, run_id, day, read_at)
              SELECT p, j, run, (t AT TIME ZONE 'UTC')::date, t FROM r ORDER BY p, j, run
              ON CONFLICT (product_id, job, run_id) DO UPDATE
                SET read_at = excluded.read_at, day = excluded.day, previous_day = u.day
                WHERE excluded.read_at < u.read_at
              RETURNING product_id, job, day, previous_day),
            moved AS (
              SELECT product_id, day, job, 1 AS n FROM counted WHERE previous_day IS DISTINCT FROM day
              UNION ALL
              SELECT product_id, previous_day, job, -1 FROM counted
              WHERE previous_day IS NOT NULL AND previous_day <> day),
            monthly AS (
              INSERT INTO usage_monthly AS m (product_id, month, job, runs)
              SELECT product_id, day - extract(day FROM day)::int + 1, job,
                     usage_month_runs(array_agg(extract(day FROM day)::int), array_agg(n))
              FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
              ON CONFLICT (product_id, month, job) DO UPDATE SET runs = usage_month_add(m.runs, excluded.runs)),
            jobs AS (
              INSERT INTO usage_job AS j (product_id, job, first_read_at, last_read_at)
              SELECT p, j, min(t), max(t) FROM e GROUP BY p, j ORDER BY p, j
              ON CONFLICT (product_id, job) DO UPDATE
                SET first_read_at = LEAST(j.first_read_at, excluded.first_read_at),
                    last_read_at = GREATEST(j.last_read_at, excluded.last_read_at),
                    previous_last_read_at = j.last_read_at
                WHERE excluded.first_read_at < j.first_read_at OR excluded.last_read_at > j.last_read_at
              RETURNING product_id, job, last_read_at, previous_last_read_at),
            owners AS (
              INSERT INTO usage_job_owner AS o (job, product_id)
              SELECT w.j, w.p FROM unnest(?::text[], ?::text[]) AS w(j, p)
              WHERE NOT EXISTS (SELECT 1 FROM usage_job_owner x WHERE x.job = w.j AND x.product_id = w.p)
              ORDER BY w.j
              ON CONFLICT (job) DO UPDATE SET product_id = excluded.product_id
              RETURNING job, product_id),
            own_reads AS (
              DELETE FROM usage_read x USING owners o WHERE x.product_id = o.product_id AND x.job = o.job),
            own_days AS (
              DELETE FROM usage_monthly x USING owners o WHERE x.product_id = o.product_id AND x.job = o.job),
            own_jobs AS (
              DELETE FROM usage_job x USING owners o WHERE x.product_id = o.product_id AND x.job = o.job
              RETURNING x.product_id)
            SELECT j.product_id FROM jobs j
            JOIN (SELECT p, j, max(w) AS w FROM e GROUP BY p, j) x ON x.p = j.product_id AND x.j = j.job
            LEFT JOIN usage_job_owner o ON o.job = j.job
            WHERE (j.previous_last_read_at IS NULL OR j.previous_last_read_at < ?::timestamptz)
              AND j.last_read_at >= ?::timestamptz
              AND NOT EXISTS (SELECT 1 FROM usage_consumer c WHERE c.product_id = j.product_id AND c.observed
                AND c.consumer_key = coalesce('product:' || coalesce(x.w, o.product_id), 'job:' || j.job))
            UNION SELECT x.product_id FROM usage_job x JOIN owners o ON o.job = x.job
            UNION SELECT product_id FROM own_jobs""";

    /**
     * As a step of the pipeline, counts these reads and remembers these owners. Once the pipeline
     * ran, the answer lists the products whose consumers may have changed: a job read one for the
     * first time within the window starting at {@code windowStart} (or came back after it) on behalf
     * of a consumer not announced as observing it yet, or a job that had read one now belongs to a
     * product (another one, or one at last). A new job of a consumer already announced changes
     * nothing to announce, so it costs no more than any other read. Nothing to count adds no step.
     */
    public Supplier<Set<String>> record(
            SqlPipeline pipeline, List<Read> reads, Collection<Owner> owners, Instant windowStart) {
        Set<String> affected = new LinkedHashSet<>();
        if (reads.isEmpty() && owners.isEmpty()) {
            return () -> affected;
        }
        int n = reads.size();
        String[] products = new String[n];
        String[] jobs = new String[n];
        String[] runs = new String[n];
        String[] times = new String[n];
        String[] writeOwners = new String[n];
        for (int i = 0; i < n; i++) {
            Read read = reads.get(i);
            products[i] = read.productId();
            jobs[i] = read.job();
            runs[i] = read.runId();
            times[i] = read.at().toString();
            writeOwners[i] = read.writeOwner();
        }
        String[] ownedJobs = owners.stream().map(Owner::job).toArray(String[]::new);
        String[] ownerProducts = owners.stream().map(Owner::productId).toArray(String[]::new);
        String start = windowStart.toString();
        pipeline.query(
                RECORD,
                parameters -> parameters
                        .texts(products)
                        .texts(jobs)
                        .texts(runs)
                        .texts(times)
                        .texts(writeOwners)
                        .texts(ownedJobs)
                        .texts(ownerProducts)
                        .text(start)
                        .text(start),
                rows -> {
                    while (rows.next()) {
                        affected.add(rows.getString(1));
                    }
                });
        return () -> affected;
    }
}

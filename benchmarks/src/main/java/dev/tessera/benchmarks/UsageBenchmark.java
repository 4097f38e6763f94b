package dev.tessera.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Usage visibility as shipped, in two parts.
 *
 * <ul>
 *   <li>The usage of a product with {@value #CONSUMERS} consuming products running {@value #JOBS}
 *       jobs and {@value #RUNS_DEFAULT} runs over 30 days, through the API as a platform admin sees
 *       it (every consumer named), one call at a time on a kept-alive socket. The runs are generated
 *       (seed 7) and copied into lineage's own tables (the runs, then the monthly rows of runs per
 *       day and the jobs derived from them by SQL, as ingest would have written them); the products, declarations
 *       and grants reach lineage as registry and governance events. Floor: the same answer computed
 *       by one SQL statement on the same rows over one JDBC connection ({@link UsageFloor}), with the
 *       same warm-up and samples, interleaved call by call.
 *   <li>OpenLineage ingest with usage counting on and off ({@link UsageIngestComparison}).
 * </ul>
 */
final class UsageBenchmark {

    static final int CONSUMERS = 100;
    static final int JOBS = 1_000;
    private static final int RUNS_DEFAULT = 1_000_000;
    private static final int RUNS = Integer.getInteger("bench.usage.runs", RUNS_DEFAULT);
    private static final int DAYS = 30;
    private static final int SAMPLES = Integer.getInteger("bench.usage.querySamples", 1_000);
    private static final int WARMUP = Integer.getInteger("bench.usage.queryWarmup", 1_000);
    /** Which parts run: {@code query}, {@code ingest} or both (comma-separated). */
    private static final Set<String> PARTS =
            Set.of(System.getProperty("bench.usage.parts", "query,ingest").split(","));

    private static final String PRODUCT = "ubench-orders";
    /** Consumers 0-39 declare an input port on the product's contract. */
    private static final int DECLARING = 40;
    /** Consumers 30-59 were granted access; 50-59 had it revoked since. */
    private static final int GRANTED_FROM = 30;

    private static final int GRANTED_TO = 60;
    private static final int REVOKED_FROM = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    UsageBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "usage", "lineage")) {
            ResultTable table = new ResultTable("usage: " + CONSUMERS + " consumers, " + JOBS + " jobs, " + RUNS
                    + " runs over " + DAYS + " days; ingest on/off; " + env.commits());
            if (PARTS.contains("query")) {
                query(env, table);
            }
            if (PARTS.contains("ingest")) {
                new UsageIngestComparison(root, env).run(table);
            }
            System.out.println("Tracing: " + ServiceProcess.tracingNote(env));
            table.print();
        }
    }

    // ------------------------------------------------------------------ the query

    private void query(BenchEnvironment env, ResultTable table) throws Exception {
        EmbeddedPostgresServer pg = env.pg();
        Map<String, String> settings = ServiceProcess.settings(env, "lineage");
        try (ServiceProcess lineage = ServiceProcess.start(
                        root,
                        "lineage-service",
                        FreePorts.next(),
                        settings,
                        env.work().resolve("logs"));
                Connection db = DriverManager.getConnection(pg.jdbcUrl("lineage"), pg.username(), pg.password())) {
            seed(env, db);
            long t0 = System.nanoTime();
            load(db);
            System.out.printf(
                    "%d runs, their monthly rows and jobs copied in %.1f s%n", RUNS, seconds(System.nanoTime() - t0));
            measure(lineage, db, table);
        }
    }

    /** The product, its consumers, their declarations and grants, as events; waits until lineage has them all. */
    private static void seed(BenchEnvironment env, Connection db) {
        UsageEstate estate = UsageEstate.on(env.kafka());
        estate.product(PRODUCT, UsageEstate.DOMAIN, "orders", List.of());
        for (int c = 0; c < CONSUMERS; c++) {
            estate.product(
                    consumer(c),
                    UsageEstate.CONSUMER_DOMAIN,
                    "c" + c + "_out",
                    c < DECLARING ? List.of(UsageEstate.contract(PRODUCT)) : List.of());
        }
        for (int c = GRANTED_FROM; c < GRANTED_TO; c++) {
            estate.access("ubench-request-" + c, 1, PRODUCT, consumer(c), "ACTIVE");
        }
        for (int c = REVOKED_FROM; c < GRANTED_TO; c++) {
            estate.access("ubench-request-" + c, 2, PRODUCT, consumer(c), "REVOKED");
        }
        estate.close();
        UsageEstate.awaitCount(
                db,
                "every product mapped",
                "SELECT count(*) FROM lineage_edge WHERE kind = 'PORT_DATASET'",
                CONSUMERS + 1);
        UsageEstate.awaitCount(db, "every declaration", "SELECT count(*) FROM product_input", DECLARING);
        UsageEstate.awaitCount(
                db,
                "every grant and revocation",
                "SELECT count(*) FROM usage_grant WHERE status = 'REVOKED'",
                GRANTED_TO - REVOKED_FROM);
    }

    private static String consumer(int c) {
        return "ubench-c" + c;
    }

    /** The job {@code j}: consumer {@code j % CONSUMERS}'s, ten jobs each. */
    private static String job(int j) {
        return "airflow/ubench.consumer_" + (j % CONSUMERS) + ".task_" + j;
    }

    /**
     * Copies {@value #RUNS_DEFAULT} runs into usage_read (run {@code r} by job {@code r % JOBS}, on one
     * of the last 30 days at a random second, seed 7), then derives the monthly rows of runs per day
     * and the jobs from them and names each job's product, as ingest would have.
     */
    private static void load(Connection db) throws SQLException, IOException {
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long todayStart = today.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long secondsToday = now.getEpochSecond() - todayStart;
        Random random = new Random(7);
        Reader rows = new GeneratedRows(RUNS, (r, line) -> {
            int day = random.nextInt(DAYS);
            long second = day == 0 ? random.nextLong(Math.max(1, secondsToday)) : random.nextInt(86_400);
            long at = todayStart - day * 86_400L + second;
            line.append(PRODUCT)
                    .append('\t')
                    .append(job(r % JOBS))
                    .append('\t')
                    .append("run-")
                    .append(r)
                    .append('\t')
                    .append(today.minusDays(day))
                    .append('\t')
                    .append(Instant.ofEpochSecond(at))
                    .append('\n');
        });
        db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY usage_read (product_id, job, run_id, day, read_at) FROM STDIN", rows);
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO usage_monthly (product_id, month, job, runs)"
                    + " SELECT product_id, month, job, usage_month_runs(array_agg(d), array_agg(n))"
                    + " FROM (SELECT product_id, day - extract(day FROM day)::int + 1 AS month, job,"
                    + " extract(day FROM day)::int AS d, count(*)::int AS n"
                    + " FROM usage_read GROUP BY product_id, day, job) daily GROUP BY product_id, month, job");
            s.execute("INSERT INTO usage_job (product_id, job, first_read_at, last_read_at)"
                    + " SELECT product_id, job, min(read_at), max(read_at) FROM usage_read GROUP BY product_id, job");
            StringBuilder owners = new StringBuilder("INSERT INTO usage_job_owner (job, product_id) VALUES ");
            for (int j = 0; j < JOBS; j++) {
                owners.append(j == 0 ? "" : ",")
                        .append("('")
                        .append(job(j))
                        .append("','")
                        .append(consumer(j % CONSUMERS))
                        .append("')");
            }
            s.execute(owners.toString());
            for (String t : List.of("usage_read", "usage_monthly", "usage_job", "usage_job_owner", "usage_grant")) {
                s.execute("VACUUM ANALYZE " + t);
            }
        }
    }

    private void measure(ServiceProcess lineage, Connection db, ResultTable table) throws Exception {
        String admin = TestTokens.platformAdmin();
        String reader = TestTokens.dataConsumer();
        String path = "/api/v1/lineage/products/" + PRODUCT + "/usage?days=" + DAYS;
        try (KeepAliveConnection http = new KeepAliveConnection(lineage.uri(""));
                UsageFloor floor = new UsageFloor(db)) {
            // The two must agree before either is timed.
            JsonNode api = JSON.readTree(get(http, path, admin));
            JsonNode sql = JSON.readTree(floor.usage(PRODUCT, DAYS, Instant.now()));
            check(api, sql);
            System.out.printf(
                    "Usage of %s: %s consumers (%s), %d reads in %d days; answer %d bytes (floor %d)%n",
                    PRODUCT,
                    api.path("totals").path("consumers").path("total"),
                    api.path("totals").path("consumers"),
                    api.path("totals").path("reads").asLong(),
                    DAYS,
                    get(http, path, admin).length(),
                    floor.usage(PRODUCT, DAYS, Instant.now()).length());

            sample(http, path, admin, floor, WARMUP);
            long[][] measured = sample(http, path, admin, floor, SAMPLES);
            Stats service = new Stats(measured[0]);
            Stats plain = new Stats(measured[1]);
            System.out.printf(
                    "Usage query, admin view: p50 %.2f / p99 %.2f ms; floor p50 %.2f / p99 %.2f ms%n",
                    service.percentileMillis(50),
                    service.percentileMillis(99),
                    plain.percentileMillis(50),
                    plain.percentileMillis(99));
            System.out.printf(
                    "Slowest 15 calls, ms: API %s; floor %s%n", service.slowestMillis(15), plain.slowestMillis(15));
            table.add(
                    "usage of a product, " + JOBS + " jobs, " + RUNS + " runs, admin view p50",
                    service.percentileMillis(50),
                    plain.percentileMillis(50),
                    "ms",
                    "(goal on p99)");
            table.goal(
                    "usage, admin view p99 (floor: one SQL statement, same rows)",
                    service.percentileMillis(99),
                    plain.percentileMillis(99),
                    "ms",
                    "p99 < 20 ms",
                    service.percentileMillis(99) < 20);
            // What everyone else sees: totals and the daily series, from the same reads.
            sample(http, path, reader, floor, WARMUP);
            long[][] totals = sample(http, path, reader, floor, SAMPLES);
            table.add(
                    "usage, totals-only view (data consumer) p99",
                    new Stats(totals[0]).percentileMillis(99),
                    new Stats(totals[1]).percentileMillis(99),
                    "ms",
                    "report");
        }
    }

    /** {@code n} calls each way, the API and the floor alternating which goes first. */
    private static long[][] sample(KeepAliveConnection http, String path, String token, UsageFloor floor, int n)
            throws IOException, SQLException {
        long[] api = new long[n];
        long[] sql = new long[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 1) {
                long t0 = System.nanoTime();
                floor.usage(PRODUCT, DAYS, Instant.now());
                sql[i] = System.nanoTime() - t0;
            }
            long t0 = System.nanoTime();
            read(http, path, token);
            api[i] = System.nanoTime() - t0;
            if (i % 2 == 0) {
                long f0 = System.nanoTime();
                floor.usage(PRODUCT, DAYS, Instant.now());
                sql[i] = System.nanoTime() - f0;
            }
        }
        return new long[][] {api, sql};
    }

    /** The API's and the floor's answers must count the same. */
    private static void check(JsonNode api, JsonNode sql) {
        List<String> differences = new ArrayList<>();
        if (!api.path("totals").path("consumers").equals(sql.path("totals").path("consumers"))) {
            differences.add("consumers " + api.path("totals").path("consumers") + " / "
                    + sql.path("totals").path("consumers"));
        }
        if (api.path("totals").path("reads").asLong()
                != sql.path("totals").path("reads").asLong()) {
            differences.add("reads " + api.path("totals").path("reads") + " / "
                    + sql.path("totals").path("reads"));
        }
        if (api.path("consumers").size() != sql.path("consumers").size()
                || api.path("shadowConsumers").size()
                        != sql.path("shadowConsumers").size()
                || api.path("pastGrants").size() != sql.path("pastGrants").size()) {
            differences.add("listed consumers, shadow consumers or past grants differ in number");
        }
        if (api.path("totals").path("reads").asLong() != RUNS) {
            differences.add("the API counts " + api.path("totals").path("reads") + " reads, not " + RUNS);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("API and floor disagree: " + differences);
        }
    }

    /**
     * A timed call: the whole answer is read off the socket but not kept (its content was checked
     * against the floor's before timing), so the benchmark's own allocation stays out of the figure.
     */
    private static void read(KeepAliveConnection http, String path, String token) throws IOException {
        KeepAliveConnection.Discarded answer = http.getDiscarding(path, token);
        if (answer.status() != 200 || answer.length() == 0) {
            throw new IllegalStateException(
                    path + " answered " + answer.status() + " with " + answer.length() + " bytes");
        }
    }

    private static String get(KeepAliveConnection http, String path, String token) throws IOException {
        KeepAliveConnection.Answer answer = http.get(path, token);
        if (answer.status() != 200) {
            throw new IllegalStateException(path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Lines of a COPY generated one at a time, so a million rows never sit in memory at once. */
    static final class GeneratedRows extends Reader {

        /** Appends row {@code index} (with its newline) to {@code line}. */
        interface Row {
            void write(int index, StringBuilder line);
        }

        private final int count;
        private final Row row;
        private final StringBuilder line = new StringBuilder(256);
        private int next;
        private int position;

        GeneratedRows(int count, Row row) {
            this.count = count;
            this.row = row;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            int written = 0;
            while (written < length) {
                if (position == line.length()) {
                    if (next == count) {
                        return written == 0 ? -1 : written;
                    }
                    line.setLength(0);
                    position = 0;
                    row.write(next++, line);
                }
                int n = Math.min(length - written, line.length() - position);
                line.getChars(position, position + n, buffer, offset + written);
                position += n;
                written += n;
            }
            return written;
        }

        @Override
        public void close() {}
    }
}

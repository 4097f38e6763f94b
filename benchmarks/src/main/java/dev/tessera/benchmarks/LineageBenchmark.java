package dev.tessera.benchmarks;

import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Lineage traversals through the API (answered from the in-memory index) beside the same traversal
 * on the same PostgreSQL tables ({@link SqlTraversal}: each node expanded once, the service's node
 * cap and time budget, as many warm-up calls and samples as the API, interleaved with it), on a
 * generated graph of 100,000 nodes and 500,000 edges; and OpenLineage ingest, single and batched,
 * beside raw JSONB inserts of the same events, one row per INSERT and 100 rows per INSERT, from the
 * same senders on connections warmed as the service was.
 *
 * <p>The graph (seed 42): 20 layers of random edges to the next layer, five hubs with fan-out and
 * fan-in of 1,000, 100 back edges making cycles, and one 200-deep chain. It is loaded with COPY
 * while the service is stopped, and the service then rebuilds its index from the tables, as after
 * any restart.
 */
final class LineageBenchmark {

    private static final int NODES = 100_000;
    private static final int EDGES = 500_000;
    private static final int CHAIN = 200;
    private static final int LAYERS = 20;
    private static final int HUBS = 5;
    private static final int FAN = 1_000;
    private static final int BACK_EDGES = 100;
    // p99 of 300 samples is the third-slowest request; 1,000 make it the tenth.
    private static final int QUERY_SAMPLES = Integer.getInteger("bench.querySamples", 1_000);
    // Calls before measuring, per query scenario and before ingest: the JIT needs a few thousand
    // calls of a path to finish compiling it, and 50 or 300 left it compiling inside the measurement.
    private static final int QUERY_WARMUP = Integer.getInteger("bench.lineage.queryWarmup", 300);
    // Ingest exercises far more code than a traversal (HTTP, JSON Schema, JDBC, the outbox relay, the
    // Kafka producer): a flight recording of the service showed its JIT compiler threads using a sixth
    // of the machine still after 20,000 single events, and a third of the service's CPU after 3,000.
    // Throughput is reported for a service that has run a while, as it does in production.
    private static final int INGEST_WARMUP = Integer.getInteger("bench.lineage.ingestWarmup", 40_000);
    // Single events measured (batched ingest sends five times as many). Its own option: bench.events
    // sizes the catalog's samples too.
    private static final int SINGLE_EVENTS = Integer.getInteger("bench.lineage.ingestEvents", 10_000);
    private static final int BATCH_SIZE = 100;
    /**
     * Ingest is a throughput at saturation: enough concurrent senders that the service, not the
     * senders' round trips, is the limit (more senders than this no longer raise the rate here).
     */
    private static final int INGEST_CLIENTS = Integer.getInteger("bench.ingestClients", 32);
    /** Ingest senders on the JDK's HttpClient instead of their own kept-alive sockets, for comparison. */
    private static final boolean JDK_CLIENT = Boolean.getBoolean("bench.lineage.jdkClient");

    private static final HttpClient JDK_HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Which parts run: {@code queries}, {@code ingest} or both (comma-separated). */
    private static final Set<String> PARTS =
            Set.of(System.getProperty("bench.lineage.parts", "queries,ingest").split(","));

    private final Path root;
    private final int layerSize = (NODES - CHAIN) / LAYERS;
    private int[] hubs;
    private int[] ordinary;

    LineageBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "lineage", "lineage")) {
            Path work = env.work();
            EmbeddedPostgresServer pg = env.pg();
            Map<String, String> settings = ServiceProcess.settings(env, "lineage");
            settings.put("quarkus.log.category.\"dev.tessera.lineage\".level", "INFO");
            // First start creates the schema; the graph is then copied in while the service is down.
            try (ServiceProcess ignored = ServiceProcess.start(
                    root, "lineage-service", FreePorts.next(), settings, work.resolve("logs-schema"))) {
                System.out.println("Schema created.");
            }
            long loadStart = System.nanoTime();
            load(pg, PARTS.contains("queries"));
            double loadSeconds = seconds(System.nanoTime() - loadStart);
            if (PARTS.contains("queries")) {
                System.out.printf("Graph of %d nodes and %d edges copied in %.1f s%n", NODES, EDGES, loadSeconds);
            }

            long startStart = System.nanoTime();
            try (ServiceProcess lineage =
                    ServiceProcess.start(root, "lineage-service", FreePorts.next(), settings, work.resolve("logs"))) {
                double restartSeconds = seconds(System.nanoTime() - startStart);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                String token = TestTokens.platformAdmin();
                ResultTable table = new ResultTable("lineage: " + NODES + " nodes, " + EDGES + " edges; start with"
                        + " index rebuild " + String.format("%.1f", restartSeconds) + " s; " + env.commits());
                if (PARTS.contains("queries")) {
                    try (Connection db =
                                    DriverManager.getConnection(pg.jdbcUrl("lineage"), pg.username(), pg.password());
                            SqlTraversal floor = SqlTraversal.withShippedBounds(db, root)) {
                        queries(lineage, token, floor, table);
                    }
                }
                if (PARTS.contains("ingest")) {
                    ingest(http, lineage, pg, table);
                }
                System.out.println("Tracing: " + ServiceProcess.tracingNote(env));
                table.print();
            }
        }
    }

    /**
     * Traversals from one client on one kept-alive connection ({@link KeepAliveConnection}), one call
     * at a time. The JDK's HttpClient passes every call through its selector thread and back; on two
     * shared cores those hand-offs put up to a few milliseconds of the client's own scheduling into
     * the p99 of every scenario and of the bare round trip alike.
     */
    private void queries(ServiceProcess lineage, String token, SqlTraversal floor, ResultTable table) throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(lineage.uri(""))) {
            queries(http, token, floor, table);
        }
    }

    private void queries(KeepAliveConnection http, String token, SqlTraversal floor, ResultTable table)
            throws Exception {
        System.out.printf(
                "Traversal floor: breadth-first on PostgreSQL, each node expanded once, node cap %d, time budget %d ms"
                        + " (the service's); %d warm-up calls and %d samples per scenario, the same for both sides%n",
                floor.maxNodes(), floor.budget().toMillis(), QUERY_WARMUP, QUERY_SAMPLES);
        // One warm-up pass over every scenario before anything is measured, on both sides. The service
        // has just started (index rebuild); measured right away, the first scenarios (depth 3 from a
        // hub) ran while its JIT compiler threads still competed for the two cores, and so did the
        // liveness floor. Each scenario still gets its own warm-up below.
        for (int depth : new int[] {3, 10, 20}) {
            for (int[] starts : new int[][] {hubs, ordinary}) {
                for (String endpoint : new String[] {"graph", "impact"}) {
                    sample(http, token, floor, endpoint, starts, depth, QUERY_WARMUP);
                }
            }
        }
        // What any HTTP call to this service costs on this machine right now: the liveness check,
        // no token, no work. Traversal latencies below include this much.
        String live = "/q/health/live";
        for (int i = 0; i < QUERY_WARMUP; i++) {
            get(http, live, null);
        }
        long[] bare = new long[QUERY_SAMPLES];
        for (int i = 0; i < bare.length; i++) {
            long t0 = System.nanoTime();
            get(http, live, null);
            bare[i] = System.nanoTime() - t0;
        }
        Stats bareStats = new Stats(bare);
        table.add(
                "bare HTTP round trip, GET /q/health/live p50",
                bareStats.percentileMillis(50),
                bareStats.percentileMillis(50),
                "ms",
                "(the HTTP floor)");
        table.add(
                "bare HTTP round trip, GET /q/health/live p99",
                bareStats.percentileMillis(99),
                bareStats.percentileMillis(99),
                "ms",
                "(the HTTP floor)");
        for (int depth : new int[] {3, 10, 20}) {
            for (String kind : new String[] {"hub", "ordinary"}) {
                int[] starts = kind.equals("hub") ? hubs : ordinary;
                for (String endpoint : new String[] {"graph", "impact"}) {
                    // Warm-up: the JIT, the connection pool and PostgreSQL's buffers, not measured.
                    sample(http, token, floor, endpoint, starts, depth, QUERY_WARMUP);
                    Samples s = sample(http, token, floor, endpoint, starts, depth, QUERY_SAMPLES);
                    addRows(table, depth, kind, endpoint, s);
                }
            }
        }
    }

    /** One scenario's rows: p50 and p99 against the floor, and at depth 20 how many answers were whole. */
    private static void addRows(ResultTable table, int depth, String kind, String endpoint, Samples s) {
        Stats api = new Stats(s.api.latencies);
        Stats sql = new Stats(s.floor.latencies);
        String name = (endpoint.equals("graph") ? "downstream" : "impact") + " d" + depth + " " + kind
                + " (avg " + s.api.averageTotal() + " nodes" + (s.api.partial() > 0 ? ", " + s.api.cuts() : "")
                + "; floor avg " + s.floor.averageTotal() + (s.floor.partial() > 0 ? ", " + s.floor.cuts() : "")
                + ")";
        double apiP50 = api.percentileMillis(50);
        double apiP99 = api.percentileMillis(99);
        double sqlP50 = sql.percentileMillis(50);
        double sqlP99 = sql.percentileMillis(99);
        switch (depth) {
            case 3 -> {
                table.add(name + " p50", apiP50, sqlP50, "ms", "(goal on p99)");
                table.goal(name + " p99", apiP99, sqlP99, "ms", "p99 < 10 ms", apiP99 < 10);
            }
            case 10 -> {
                table.goal(name + " p50", apiP50, sqlP50, "ms", ">= 10x faster than floor", apiP50 * 10 <= sqlP50);
                table.goal(
                        name + " p99",
                        apiP99,
                        sqlP99,
                        "ms",
                        "p99 < 50 ms, >= 10x faster than floor",
                        apiP99 < 50 && apiP99 * 10 <= sqlP99);
            }
            default -> {
                table.add(name + " p50", apiP50, sqlP50, "ms", "(goals below)");
                table.goal(name + " p99", apiP99, sqlP99, "ms", "p99 < 500 ms", apiP99 < 500);
                // The node cap is a designed bound on an answer's size and cuts the same starts on both
                // sides; the time budget is what a slow traversal runs into.
                double apiWithin = s.api.withinBudgetPercent();
                table.goal(
                        "  answers not cut by the " + s.api.budgetMillis + " ms budget (complete: API "
                                + pct(s.api.completePercent()) + ", floor " + pct(s.floor.completePercent()) + ")",
                        apiWithin,
                        s.floor.withinBudgetPercent(),
                        "%",
                        ">= 99%",
                        apiWithin >= 99);
            }
        }
        // Progress as it goes: the deep floors take minutes.
        System.out.printf(
                "%s: p50 %.2f / p99 %.2f ms; floor p50 %.2f / p99 %.2f ms; totals differing on complete answers: %d%n",
                name, apiP50, apiP99, sqlP50, sqlP99, s.mismatches);
    }

    private static String pct(double percent) {
        return String.format("%.0f%%", percent);
    }

    /** One side's answers in a scenario: latencies, nodes reached and why answers were cut. */
    private static final class Side {
        final long[] latencies;
        final long budgetMillis;
        long totalNodes;
        int nodeCap;
        int timeBudget;

        Side(int n, long budgetMillis) {
            this.latencies = new long[n];
            this.budgetMillis = budgetMillis;
        }

        void answer(int i, long nanos, long total, String cut) {
            latencies[i] = nanos;
            totalNodes += total;
            if (SqlTraversal.NODE_CAP.equals(cut)) {
                nodeCap++;
            } else if (SqlTraversal.TIME_BUDGET.equals(cut)) {
                timeBudget++;
            }
        }

        long averageTotal() {
            return latencies.length == 0 ? 0 : totalNodes / latencies.length;
        }

        int partial() {
            return nodeCap + timeBudget;
        }

        String cuts() {
            return (nodeCap > 0 ? nodeCap + " at node cap" : "")
                    + (nodeCap > 0 && timeBudget > 0 ? ", " : "")
                    + (timeBudget > 0 ? timeBudget + " out of time" : "");
        }

        double completePercent() {
            return latencies.length == 0 ? 0 : 100.0 * (latencies.length - partial()) / latencies.length;
        }

        double withinBudgetPercent() {
            return latencies.length == 0 ? 0 : 100.0 * (latencies.length - timeBudget) / latencies.length;
        }
    }

    private record Samples(Side api, Side floor, int mismatches) {}

    /**
     * {@code n} traversals each way from the same starts, API and floor alternating call by call
     * (the order flips every call, so neither side always runs just after the other warmed the
     * caches), so both see the same moments of a shared machine.
     */
    private Samples sample(
            KeepAliveConnection http, String token, SqlTraversal floor, String endpoint, int[] starts, int depth, int n)
            throws IOException, SQLException {
        long budgetMillis = floor.budget().toMillis();
        Side api = new Side(n, budgetMillis);
        Side sql = new Side(n, budgetMillis);
        int mismatches = 0;
        for (int i = 0; i < n; i++) {
            int node = starts[i % starts.length];
            String key = URLEncoder.encode("DATASET:bench/n" + node, StandardCharsets.UTF_8);
            String path = "/api/v1/lineage/" + endpoint + "?node=" + key + "&depth=" + depth;
            SqlTraversal.Answer answer = null;
            long floorNanos = 0;
            if (i % 2 == 1) {
                long t0 = System.nanoTime();
                answer = floor.downstream(node, depth);
                floorNanos = System.nanoTime() - t0;
            }
            long t0 = System.nanoTime();
            String body = get(http, path, token);
            long apiNanos = System.nanoTime() - t0;
            if (i % 2 == 0) {
                long f0 = System.nanoTime();
                answer = floor.downstream(node, depth);
                floorNanos = System.nanoTime() - f0;
            }
            long apiTotal = number(body, "\"total\":");
            String apiCut = cutOf(body, path);
            api.answer(i, apiNanos, apiTotal, apiCut);
            sql.answer(i, floorNanos, answer.total(), answer.cut());
            // Both complete: the same traversal must reach the same nodes.
            if (apiCut == null && answer.cut() == null && apiTotal != answer.total()) {
                mismatches++;
            }
        }
        return new Samples(api, sql, mismatches);
    }

    private void ingest(HttpClient http, ServiceProcess lineage, EmbeddedPostgresServer pg, ResultTable table)
            throws Exception {
        String token = TestTokens.platformAdmin();
        postEvents(lineage, token, "warm", INGEST_WARMUP, 1);
        // The warm-up's tessera.lineage events are relayed before anything is measured.
        drain(http, lineage);
        DatabaseProfile profile = DatabaseProfile.open(pg, "lineage");
        profile.reset();
        long cpu0 = lineage.cpuNanos();
        long pg0 = DatabaseProfile.serverCpuNanos();
        long t0 = System.nanoTime();
        postEvents(lineage, token, "single", SINGLE_EVENTS, 1);
        double singleSeconds = seconds(System.nanoTime() - t0);
        // The groups the single-event calls formed (calls per transaction, time per transaction).
        groupMeters(http, lineage);
        backlog(http, lineage, "after the single events");
        double singleDrain = drain(http, lineage);
        long singleCpu = lineage.cpuNanos() - cpu0;
        long singlePg = DatabaseProfile.serverCpuNanos() - pg0;
        profile.print("single-event ingest, " + SINGLE_EVENTS + " events");
        profile.reset();
        int batched = SINGLE_EVENTS * 5;
        cpu0 = lineage.cpuNanos();
        pg0 = DatabaseProfile.serverCpuNanos();
        t0 = System.nanoTime();
        postEvents(lineage, token, "batched", batched, BATCH_SIZE);
        double batchSeconds = seconds(System.nanoTime() - t0);
        backlog(http, lineage, "after the batches");
        double batchDrain = drain(http, lineage);
        long batchCpu = lineage.cpuNanos() - cpu0;
        long batchPg = DatabaseProfile.serverCpuNanos() - pg0;
        // What an event costs the service itself (all its threads, from the OS, relaying its
        // tessera.lineage events included), whatever else the machine's two cores were doing for the
        // senders, the Kafka broker and PostgreSQL.
        System.out.printf(
                "Service CPU per event, its relaying included: %.0f us single, %.0f us batched%n",
                singleCpu / 1_000.0 / SINGLE_EVENTS, batchCpu / 1_000.0 / batched);
        System.out.printf(
                "PostgreSQL CPU per event (all its processes), the relay's statements included: %.0f us single,"
                        + " %.0f us batched%n",
                singlePg / 1_000.0 / SINGLE_EVENTS, batchPg / 1_000.0 / batched);
        System.out.printf(
                "Relaying what was left after the calls took %.1f s (single) and %.1f s (batched)%n",
                singleDrain, batchDrain);
        profile.print("batched ingest, " + batched + " events");
        profile.close();
        Floor floor = rawInserts(pg, batched);
        double single = SINGLE_EVENTS / singleSeconds;
        double batch = batched / batchSeconds;
        table.goal(
                "ingest run events, one per call, " + INGEST_CLIENTS + " senders (floor: one-row INSERTs)",
                single,
                floor.single,
                "/s",
                ">= 1000/s",
                single >= 1000);
        table.add(
                "  the same, until their tessera.lineage events were relayed",
                SINGLE_EVENTS / (singleSeconds + singleDrain),
                floor.single,
                "/s",
                "report");
        table.goal(
                "ingest run events, " + BATCH_SIZE + " per batch, " + INGEST_CLIENTS + " senders (floor: " + BATCH_SIZE
                        + "-row INSERTs)",
                batch,
                floor.batched,
                "/s",
                // The goal: 1,000 events/s one event per call, and five times that in batches.
                ">= 5000/s",
                batch >= 5000);
        table.add(
                "  the same, until their tessera.lineage events were relayed",
                batched / (batchSeconds + batchDrain),
                floor.batched,
                "/s",
                "report");
        // Single events are written in groups too (IngestQueue), so this is what batching adds on top.
        System.out.printf(
                "Batched against single events, same run: %.1f times the rate%n",
                (batched / batchSeconds) / (SINGLE_EVENTS / singleSeconds));
    }

    /**
     * Waits until the service's outbox is empty (every tessera.lineage event the calls caused is in
     * Kafka); the seconds it took.
     */
    private static double drain(HttpClient http, ServiceProcess lineage) {
        long t0 = System.nanoTime();
        org.awaitility.Awaitility.await("the outbox relayed")
                .atMost(Duration.ofMinutes(15))
                .pollDelay(Duration.ZERO)
                // Each look is a metrics scrape that counts the outbox; looking more often than this
                // took a visible share of the CPU the relay was meant to have.
                .pollInterval(Duration.ofMillis(250))
                .until(() -> backlogOf(http, lineage) == 0);
        return seconds(System.nanoTime() - t0);
    }

    private static double backlogOf(HttpClient http, ServiceProcess lineage) {
        String scrape =
                send(http, HttpRequest.newBuilder(lineage.uri("/q/metrics")).build());
        for (String line : scrape.split("\n")) {
            if (line.startsWith("tessera_outbox_backlog")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("the service reports no tessera_outbox_backlog");
    }

    /**
     * Prints the service's outbox backlog: tessera.lineage events written but not yet relayed to
     * Kafka. The relay runs beside the calls; a backlog at a phase's end is relay work the calls'
     * own rate did not pay for.
     */
    private static void backlog(HttpClient http, ServiceProcess lineage, String when) {
        System.out.printf("Outbox backlog %s: %.0f events%n", when, backlogOf(http, lineage));
    }

    /** Prints the service's group-commit meters (the warm-up's groups included). */
    private static void groupMeters(HttpClient http, ServiceProcess lineage) {
        String scrape =
                send(http, HttpRequest.newBuilder(lineage.uri("/q/metrics")).build());
        double calls = 0;
        double groups = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("tessera_lineage_ingest_group_calls_sum")) {
                calls = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("tessera_lineage_ingest_group_calls_count")) {
                groups = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            if (line.startsWith("tessera_lineage_ingest_group_")
                    || (line.startsWith("http_server_requests_seconds_")
                            && line.contains("method=\"POST\"")
                            && line.contains("uri=\"/api/v1/lineage\""))) {
                // How long the service itself took per call, beside what the senders measured.
                System.out.println("  " + line);
            }
        }
        if (groups > 0) {
            System.out.printf(
                    "Single-event calls: %.0f in %.0f groups, %.1f calls per group%n", calls, groups, calls / groups);
        }
    }

    /**
     * Posts {@code count} run events, {@code perCall} per call, from {@link #INGEST_CLIENTS} senders,
     * each on its own kept-alive connection ({@link KeepAliveConnection}: the JDK's client took about
     * a seventh of the machine's two cores at these rates, CPU the service then did not have).
     */
    private static void postEvents(ServiceProcess lineage, String token, String prefix, int count, int perCall)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        int calls = count / perCall;
        String path = "/api/v1/lineage" + (perCall > 1 ? "/batch" : "");
        try (ExecutorService pool = Executors.newFixedThreadPool(INGEST_CLIENTS)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < INGEST_CLIENTS; c++) {
                workers.add(pool.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(lineage.uri(""))) {
                        StringBuilder body = new StringBuilder(perCall * 600);
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            body.setLength(0);
                            if (perCall > 1) {
                                body.append('[');
                            }
                            for (int e = 0; e < perCall; e++) {
                                if (e > 0) {
                                    body.append(',');
                                }
                                appendRunEvent(body, prefix, call * perCall + e);
                            }
                            if (perCall > 1) {
                                body.append(']');
                            }
                            KeepAliveConnection.Answer answer = connection.postJson(path, token, body.toString());
                            if (answer.status() >= 300) {
                                throw new IllegalStateException(
                                        path + " answered " + answer.status() + ": " + answer.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
    }

    /** A run event of a job reading two tables and writing one, as Airflow's provider sends them. */
    static String runEvent(String prefix, int i) {
        StringBuilder event = new StringBuilder(600);
        appendRunEvent(event, prefix, i);
        return event.toString();
    }

    /**
     * Appends {@link #runEvent}: plain appends and a run id from {@link ThreadLocalRandom}, since the
     * senders share the cores with the service (a format string and a SecureRandom UUID per event
     * cost the generator more than they tell about the service).
     */
    static void appendRunEvent(StringBuilder into, String prefix, int i) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID runId = new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
        into.append("{\"eventType\":\"COMPLETE\",\"eventTime\":\"2024-05-01T10:15:30.123Z\",\"run\":{\"runId\":\"")
                .append(runId)
                .append("\"},\"job\":{\"namespace\":\"airflow\",\"name\":\"")
                .append(prefix)
                .append(".task_")
                .append(i)
                .append("\"},\"inputs\":[{\"namespace\":\"postgres://db:5432\",\"name\":\"shop.public.in_")
                .append(i)
                .append("\"},{\"namespace\":\"postgres://db:5432\",\"name\":\"shop.public.dim_")
                .append(i % 50)
                .append("\"}],\"outputs\":[{\"namespace\":\"postgres://db:5432\",\"name\":\"shop.public.out_")
                .append(i)
                .append("\"}],\"producer\":\"https://github.com/apache/airflow/tree/providers-openlineage/1.0.0\",")
                .append("\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\"}");
    }

    /** The ingest floor's rates, events per second. */
    private record Floor(double single, double batched) {}

    /**
     * Raw JSONB inserts of the same run events from the same number of senders, each on a connection
     * opened before the clock starts and warmed with as many single events as the service was: one
     * row per INSERT for the single-event figure, {@link #BATCH_SIZE} rows per multi-row INSERT for
     * the batched one. Every call is one durable commit.
     */
    private static Floor rawInserts(EmbeddedPostgresServer pg, int batched) throws Exception {
        try (FloorInserts inserts = FloorInserts.open(
                pg,
                INGEST_CLIENTS,
                "CREATE TABLE IF NOT EXISTS event_floor (id BIGSERIAL PRIMARY KEY, raw JSONB NOT NULL)",
                "INSERT INTO event_floor (raw)",
                "(?::jsonb)",
                1)) {
            inserts.write(INGEST_WARMUP, 1, (insert, first, i) -> insert.setString(first, runEvent("warm", i)));
            FloorInserts.Pass single = inserts.write(
                    SINGLE_EVENTS, 1, (insert, first, i) -> insert.setString(first, runEvent("single", i)));
            FloorInserts.Pass batch = inserts.write(
                    batched, BATCH_SIZE, (insert, first, i) -> insert.setString(first, runEvent("batched", i)));
            return new Floor(SINGLE_EVENTS / single.seconds(), batched / batch.seconds());
        }
    }

    /** Generates the graph (seed 42) and copies it into the service's tables (when {@code copyIntoTables}). */
    private void load(EmbeddedPostgresServer pg, boolean copyIntoTables) throws Exception {
        Random random = new Random(42);
        StringBuilder nodes = new StringBuilder(NODES * 40);
        for (int id = 1; id <= NODES; id++) {
            nodes.append(id)
                    .append("\tDATASET:bench/n")
                    .append(id)
                    .append("\tDATASET\tbench/n")
                    .append(id)
                    .append('\n');
        }
        StringBuilder edges = new StringBuilder(EDGES * 40);
        Set<Long> seen = new java.util.HashSet<>();
        int[] count = {0};
        java.util.function.BiConsumer<Integer, Integer> edge = (from, to) -> {
            if (!from.equals(to) && seen.add(((long) from << 32) | to)) {
                count[0]++;
                edges.append("e")
                        .append(from)
                        .append('-')
                        .append(to)
                        .append('\t')
                        .append(from)
                        .append('\t')
                        .append(to)
                        .append("\tOPENLINEAGE\ttrue\t1\n");
            }
        };
        hubs = new int[HUBS];
        for (int h = 0; h < HUBS; h++) {
            int layer = 5 + h * 2;
            int hub = node(layer, random.nextInt(layerSize));
            hubs[h] = hub;
            for (int i = 0; i < FAN; i++) {
                edge.accept(hub, node(layer + 1, random.nextInt(layerSize)));
                edge.accept(node(layer - 1, random.nextInt(layerSize)), hub);
            }
        }
        int chainStart = NODES - CHAIN + 1;
        for (int i = 0; i < CHAIN - 1; i++) {
            edge.accept(chainStart + i, chainStart + i + 1);
        }
        for (int i = 0; i < BACK_EDGES; i++) {
            int layer = 2 + random.nextInt(LAYERS - 2);
            edge.accept(node(layer, random.nextInt(layerSize)), node(layer - 2, random.nextInt(layerSize)));
        }
        while (count[0] < EDGES) {
            int layer = random.nextInt(LAYERS - 1);
            edge.accept(node(layer, random.nextInt(layerSize)), node(layer + 1, random.nextInt(layerSize)));
        }
        ordinary = new int[] {node(2, 17), node(4, 123), node(8, 999), node(10, 2024), chainStart};
        if (!copyIntoTables) {
            return;
        }
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl("lineage"), pg.username(), pg.password())) {
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY lineage_node (id, node_key, type, name) FROM STDIN", new StringReader(nodes.toString()));
            copy.copyIn(
                    "COPY lineage_edge (edge_key, from_id, to_id, kind, present, sequence) FROM STDIN",
                    new StringReader(edges.toString()));
            try (Statement s = db.createStatement()) {
                s.execute("SELECT setval('lineage_node_id_seq', " + NODES + ")");
                // VACUUM as well: 600,000 fresh rows would otherwise trigger PostgreSQL's insert
                // autovacuum of both tables in the background, during the first scenarios measured.
                s.execute("VACUUM ANALYZE lineage_node");
                s.execute("VACUUM ANALYZE lineage_edge");
            }
        }
    }

    private int node(int layer, int position) {
        return layer * layerSize + position + 1;
    }

    private static long number(String body, String field) {
        int at = body.indexOf(field);
        if (at < 0) {
            return 0;
        }
        int end = at + field.length();
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at + field.length(), end));
    }

    /** Why the service cut a traversal answer ({@code reason}), or null when it is complete. */
    private static String cutOf(String body, String path) {
        if (!body.contains("\"partial\":true")) {
            return null;
        }
        for (String reason : new String[] {SqlTraversal.NODE_CAP, SqlTraversal.TIME_BUDGET}) {
            if (body.contains("\"reason\":\"" + reason + "\"")) {
                return reason;
            }
        }
        throw new IllegalStateException(path + " answered partial without a known reason: " + body);
    }

    /** The body of a GET that must succeed. */
    private static String get(KeepAliveConnection http, String path, String token) throws IOException {
        KeepAliveConnection.Answer answer = http.get(path, token);
        if (answer.status() >= 300) {
            throw new IllegalStateException(path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }
}

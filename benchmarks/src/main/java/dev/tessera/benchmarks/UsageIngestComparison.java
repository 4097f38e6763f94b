package dev.tessera.benchmarks;

import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenLineage ingest with usage counting on and off ({@code tessera.usage.enabled}): two lineage
 * processes as shipped but for that setting, each on a database and a Kafka broker of its own, fed
 * the same products and then the same events by the same senders. Both are warmed up alike before
 * anything is timed; measured phases alternate between the two (on then off, then off then on), so
 * that neither always runs on a warmer or a quieter machine.
 *
 * <p>The estate: {@value #PROVIDERS} products whose tables jobs read and {@value #CONSUMERS} consuming
 * products whose tables they write, each declaring an input port on one provider. Event {@code i} is
 * a COMPLETE run of job {@code i % JOBS} reading a table of its own and its provider's table and
 * writing a table of its own and its consumer's table: every event counts one read, and after the
 * warm-up every job is known, as in an estate whose pipelines run every day.
 */
final class UsageIngestComparison {

    private static final int PROVIDERS = 50;
    private static final int CONSUMERS = 200;
    private static final int JOBS = 10_000;
    private static final int WARMUP = Integer.getInteger("bench.usage.ingestWarmup", 40_000);
    private static final int SINGLE = Integer.getInteger("bench.usage.ingestEvents", 10_000);
    private static final int BATCHED = SINGLE * 5;
    private static final int BATCH_SIZE = 100;
    /**
     * Senders of single events, each on its own kept-alive connection, as many as the lineage
     * benchmark's: single calls wait for their group's commit, so fewer senders would measure the
     * commit's latency rather than the service's work.
     */
    private static final int SINGLE_SENDERS = Integer.getInteger("bench.ingestClients", 32);

    /**
     * Senders of batches. Fewer: on a busy 2-core machine 32 senders of 100-event batches kept all 20
     * pooled connections busy for longer than the pool's 5 s acquisition timeout, and calls failed
     * instead of waiting; 8 keep the service saturated without that.
     */
    private static final int BATCH_SENDERS = Integer.getInteger("bench.usage.batchClients", 8);

    private final Path root;
    private final BenchEnvironment env;
    /** Every event's time: recent, so that every read falls in the usage window. */
    private final Instant base = Instant.now().minus(Duration.ofHours(1));

    UsageIngestComparison(Path root, BenchEnvironment env) {
        this.root = root;
        this.env = env;
    }

    /** One side: its service, its database and broker, and the figures of its phases. */
    private static final class Side {
        final String name;
        final ServiceProcess lineage;
        final EmbeddedKafka kafka;
        final List<Double> single = new ArrayList<>();
        final List<Double> batched = new ArrayList<>();
        final List<Double> singleRelayed = new ArrayList<>();
        final List<Double> batchedRelayed = new ArrayList<>();
        long cpuNanos;
        long events;

        Side(String name, ServiceProcess lineage, EmbeddedKafka kafka) {
            this.name = name;
            this.lineage = lineage;
            this.kafka = kafka;
        }
    }

    void run(ResultTable table) throws Exception {
        EmbeddedPostgresServer pg = env.pg();
        pg.ensureDatabase("lineage_on");
        pg.ensureDatabase("lineage_off");
        try (EmbeddedKafka offKafka = EmbeddedKafka.start(env.work().resolve("kafka-off"));
                ServiceProcess onService = start("lineage_on", env.kafka(), true);
                ServiceProcess offService = start("lineage_off", offKafka, false)) {
            Side on = new Side("on", onService, env.kafka());
            Side off = new Side("off", offService, offKafka);
            for (Side side : List.of(on, off)) {
                seed(side);
            }
            for (Side side : List.of(on, off)) {
                awaitSeeded(pg, "lineage_" + side.name);
            }
            HttpClient http = HttpClient.newHttpClient();
            String token = TestTokens.platformAdmin();
            for (Side side : List.of(on, off)) {
                post(side, token, "warm", WARMUP, 1);
                drain(http, side);
            }
            // ABBA: each side measured first once and second once.
            List<List<Side>> rounds = List.of(List.of(on, off), List.of(off, on));
            for (int round = 0; round < rounds.size(); round++) {
                for (Side side : rounds.get(round)) {
                    phase(http, pg, side, token, "single" + round, SINGLE, 1, side.single, side.singleRelayed);
                }
                for (Side side : rounds.get(round)) {
                    phase(
                            http,
                            pg,
                            side,
                            token,
                            "batch" + round,
                            BATCHED,
                            BATCH_SIZE,
                            side.batched,
                            side.batchedRelayed);
                }
            }
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("lineage_on"), pg.username(), pg.password())) {
                System.out.printf(
                        "Counted with usage on: %d runs, %d monthly rows, %d jobs; usage records queued: %d%n",
                        UsageEstate.count(db, "SELECT count(*) FROM usage_read"),
                        UsageEstate.count(db, "SELECT count(*) FROM usage_monthly"),
                        UsageEstate.count(db, "SELECT count(*) FROM usage_job"),
                        UsageEstate.count(db, "SELECT coalesce(max(sequence), 0) FROM usage_product"));
            }
            for (Side side : List.of(on, off)) {
                System.out.printf(
                        "Usage %s: single %s/s, batched %s/s; until relayed %s/s and %s/s; service CPU %.0f us per"
                                + " measured event%n",
                        side.name,
                        rates(side.single),
                        rates(side.batched),
                        rates(side.singleRelayed),
                        rates(side.batchedRelayed),
                        side.cpuNanos / 1_000.0 / side.events);
            }
            goal(table, "one per call", SINGLE_SENDERS, mean(on.single), mean(off.single));
            goal(table, BATCH_SIZE + " per batch", BATCH_SENDERS, mean(on.batched), mean(off.batched));
            table.add(
                    "  service CPU per event, usage on (floor: off)",
                    on.cpuNanos / 1_000.0 / on.events,
                    off.cpuNanos / 1_000.0 / off.events,
                    "us",
                    "report");
        }
    }

    private ServiceProcess start(String database, EmbeddedKafka kafka, boolean counting) throws Exception {
        Map<String, String> settings = ServiceProcess.settings(env, database);
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("tessera.usage.enabled", String.valueOf(counting));
        return ServiceProcess.start(
                root, "lineage-service", FreePorts.next(), settings, env.work().resolve("logs-" + database));
    }

    private static void seed(Side side) {
        UsageEstate estate = UsageEstate.on(side.kafka);
        for (int p = 0; p < PROVIDERS; p++) {
            estate.product(provider(p), UsageEstate.DOMAIN, "dim_" + p, List.of());
        }
        for (int c = 0; c < CONSUMERS; c++) {
            estate.product(
                    "ubench-agg" + c,
                    UsageEstate.CONSUMER_DOMAIN,
                    "agg_" + c,
                    List.of(UsageEstate.contract(provider(c % PROVIDERS))));
        }
        estate.close();
    }

    private static String provider(int p) {
        return "ubench-dim" + p;
    }

    private static void awaitSeeded(EmbeddedPostgresServer pg, String database) throws Exception {
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password())) {
            UsageEstate.awaitCount(
                    db,
                    "every product of " + database + " mapped",
                    "SELECT count(*) FROM lineage_edge WHERE kind = 'PORT_DATASET'",
                    PROVIDERS + CONSUMERS);
            UsageEstate.awaitCount(db, "every declaration", "SELECT count(*) FROM product_input", CONSUMERS);
        }
    }

    /**
     * One measured phase on one side: the rate of the calls, then of the calls and the relay's
     * catching up. For single events, also the groups the calls formed: when the service's CPU per
     * event is the same on both sides, a difference in rate shows as a difference in how long a
     * group's transaction takes. With {@code -Dbench.pgProfile=true}, what the side's database did.
     */
    private void phase(
            HttpClient http,
            EmbeddedPostgresServer pg,
            Side side,
            String token,
            String prefix,
            int events,
            int perCall,
            List<Double> rates,
            List<Double> relayed)
            throws Exception {
        DatabaseProfile profile = DatabaseProfile.open(pg, "lineage_" + side.name);
        profile.reset();
        double[] groups0 = groups(http, side);
        long cpu0 = side.lineage.cpuNanos();
        long t0 = System.nanoTime();
        post(side, token, prefix, events, perCall);
        double seconds = UsageBenchmark.seconds(System.nanoTime() - t0);
        double[] groups1 = groups(http, side);
        profile.print("usage " + side.name + ", " + prefix);
        profile.close();
        double drained = drain(http, side);
        side.cpuNanos += side.lineage.cpuNanos() - cpu0;
        side.events += events;
        rates.add(events / seconds);
        relayed.add(events / (seconds + drained));
        System.out.printf(
                "usage %s, %s: %d events in %.1f s (%.0f/s), relayed %.1f s later%n",
                side.name, prefix, events, seconds, events / seconds, drained);
        double formed = groups1[1] - groups0[1];
        if (perCall == 1 && formed > 0) {
            System.out.printf(
                    "usage %s, %s: %.0f groups, %.1f calls per group, %.2f ms per group's transaction%n",
                    side.name,
                    prefix,
                    formed,
                    (groups1[0] - groups0[0]) / formed,
                    (groups1[2] - groups0[2]) * 1_000 / formed);
        }
    }

    /**
     * The service's group commit so far: calls written in groups, groups, and the seconds their
     * transactions took.
     */
    private static double[] groups(HttpClient http, Side side) throws Exception {
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(side.lineage.uri("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double[] sums = new double[3];
        for (String line : scrape.body().split("\n")) {
            double value = line.startsWith("tessera_lineage_ingest_group_")
                    ? Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))
                    : 0;
            if (line.startsWith("tessera_lineage_ingest_group_calls_sum")) {
                sums[0] = value;
            } else if (line.startsWith("tessera_lineage_ingest_group_calls_count")) {
                sums[1] = value;
            } else if (line.startsWith("tessera_lineage_ingest_group_write_seconds_sum")) {
                sums[2] = value;
            }
        }
        return sums;
    }

    /**
     * Posts {@code count} events, {@code perCall} per call, from {@link #SINGLE_SENDERS} or
     * {@link #BATCH_SENDERS} senders on kept-alive connections. Event {@code i} of a prefix is the same
     * on both sides (its run id included).
     */
    private void post(Side side, String token, String prefix, int count, int perCall) throws Exception {
        int senders = perCall > 1 ? BATCH_SENDERS : SINGLE_SENDERS;
        AtomicInteger next = new AtomicInteger();
        int calls = count / perCall;
        String path = "/api/v1/lineage" + (perCall > 1 ? "/batch" : "");
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                running.add(pool.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(side.lineage.uri(""))) {
                        StringBuilder body = new StringBuilder(perCall * 700);
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            body.setLength(0);
                            body.append(perCall > 1 ? "[" : "");
                            for (int e = 0; e < perCall; e++) {
                                body.append(e > 0 ? "," : "");
                                event(body, prefix, call * perCall + e);
                            }
                            body.append(perCall > 1 ? "]" : "");
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
            for (Future<?> sender : running) {
                sender.get();
            }
        }
    }

    /**
     * Where a phase's event times start, after every earlier phase's: each job's runs then come later and later, as a
     * pipeline's do, so every measured read moves its job's last read as it would in a live estate (phases that reused
     * the warm-up's times read nothing newer and left that write out). All of it stays within the hour before
     * {@link #base}'s now, so every read falls in the usage window.
     */
    private static long startMillis(String prefix) {
        return switch (prefix) {
            case "warm" -> 0;
            case "single0" -> WARMUP;
            case "batch0" -> (long) WARMUP + SINGLE;
            case "single1" -> (long) WARMUP + SINGLE + BATCHED;
            case "batch1" -> (long) WARMUP + 2L * SINGLE + BATCHED;
            default -> throw new IllegalArgumentException("no start for phase " + prefix);
        };
    }

    /** Run event {@code i} of a prefix: job {@code i % JOBS} reads its provider's table and writes its consumer's. */
    private void event(StringBuilder into, String prefix, int i) {
        int job = i % JOBS;
        long run = ((long) prefix.hashCode() << 32) ^ i;
        into.append("{\"eventType\":\"COMPLETE\",\"eventTime\":\"")
                .append(base.plusMillis(startMillis(prefix) + i))
                .append("\",\"run\":{\"runId\":\"")
                .append(new java.util.UUID(
                        0x0000_0000_0000_4000L | (run & 0xFFFF_FFFF_FFFF_0FFFL), 0x8000_0000_0000_0000L | i))
                .append("\"},\"job\":{\"namespace\":\"airflow\",\"name\":\"ubench.task_")
                .append(job)
                .append("\"},\"inputs\":[{\"namespace\":\"")
                .append(UsageEstate.NAMESPACE)
                .append("\",\"name\":\"shop.public.in_")
                .append(prefix)
                .append('_')
                .append(i)
                .append("\"},{\"namespace\":\"")
                .append(UsageEstate.NAMESPACE)
                .append("\",\"name\":\"shop.public.dim_")
                .append(job % PROVIDERS)
                .append("\"}],\"outputs\":[{\"namespace\":\"")
                .append(UsageEstate.NAMESPACE)
                .append("\",\"name\":\"shop.public.out_")
                .append(prefix)
                .append('_')
                .append(i)
                .append("\"},{\"namespace\":\"")
                .append(UsageEstate.NAMESPACE)
                .append("\",\"name\":\"shop.public.agg_")
                .append(job % CONSUMERS)
                .append("\"}],\"producer\":\"https://github.com/apache/airflow/tree/providers-openlineage/1.0.0\",")
                .append("\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\"}");
    }

    /** Waits until the side's outbox is empty; the seconds it took. */
    private static double drain(HttpClient http, Side side) {
        long t0 = System.nanoTime();
        org.awaitility.Awaitility.await("the outbox of usage " + side.name + " relayed")
                .atMost(Duration.ofMinutes(15))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> backlog(http, side) == 0);
        return UsageBenchmark.seconds(System.nanoTime() - t0);
    }

    private static double backlog(HttpClient http, Side side) throws Exception {
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(side.lineage.uri("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith("tessera_outbox_backlog")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("the service reports no tessera_outbox_backlog");
    }

    private static void goal(ResultTable table, String how, int senders, double on, double off) {
        table.goal(
                "ingest run events " + how + ", " + senders + " senders, usage on (floor: usage off), mean of 2",
                on,
                off,
                "/s",
                "on >= 90% of off",
                on >= 0.9 * off);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }
}

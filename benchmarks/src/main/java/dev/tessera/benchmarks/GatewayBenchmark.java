package dev.tessera.benchmarks;

import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway costs: the same authenticated registry read (one domain by id), with the same
 * valid token, straight to the registry and through the gateway, in alternating rounds of the same
 * run. The order flips every round so neither path always runs first after the other warmed the
 * shared CPU caches and registry; both JVMs are warmed with alternating rounds too. The straight
 * read is the floor; the gateway's own token verification, role check, limits and proxying are the
 * difference.
 *
 * <p>Four views, because on a small machine shared by client, gateway, registry and PostgreSQL
 * one number mixes two things: (1) 8 concurrent clients saturate the CPU and give throughput, with
 * latencies that are mostly queueing for the cores; (2) one client at a time gives the latency a
 * request gains from the extra hop when nothing queues; (3) the CPU time each server process spends
 * per read, which does not depend on the machine's load, says what the gateway itself costs next to
 * the service it fronts; (4) 8 clients again, each rotating through many distinct tokens, since one
 * token for every read is the best case of the token memory both servers keep (a token verified once
 * serves every later read), and a platform has many callers.
 */
final class GatewayBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int READS = Integer.getInteger("bench.reads", 7_500);
    // One client at a time is slower per read; fewer reads keep the phase at about the same length.
    private static final int SINGLE_READS = Integer.getInteger("bench.gateway.singleReads", 2_000);
    // Its own knob: the shared bench.warmup (500) is too few reads for the JIT of two server JVMs,
    // and so were 3,000: after them both servers still compiled through the measurement, which then
    // showed 586 us of gateway CPU per read where 226-236 us remain once they are done (30,000 and
    // 100,000 reads each way).
    private static final int WARMUP = Integer.getInteger("bench.gateway.warmup", 100_000);
    private static final int ROUNDS = 4;
    // Both servers trace every request, as they ship, into a sink that accepts and discards the
    // spans; -Dbench.tracing=false (or the older -Dbench.gateway.tracing=false) runs both untraced.
    // Either way the two sides carry the same instrumentation.
    private static final boolean TRACING = ServiceProcess.TRACING;
    // Distinct tokens each client rotates through in the fourth view (8,000 in all by default: more
    // than the registry's token memory holds, fewer than the gateway's).
    private static final int TOKENS_PER_CLIENT = Integer.getInteger("bench.gateway.tokensPerClient", 1_000);

    // Extra gateway settings for investigating a figure, "name=value" pairs separated by ";" (the
    // registry keeps its own); they go in after everything above, so they win.
    private static final String GATEWAY_SETTINGS = System.getProperty("bench.gateway.settings", "");

    // Clients on their own kept-alive sockets (KeepAliveConnection) instead of the JDK's HttpClient,
    // which costs the shared cores more per read than a socket does: with the cheaper client, more
    // of the two cores is left to the servers, and the ratio of the two paths moves towards the
    // ratio of their servers' CPU per read.
    private static final boolean SOCKET_CLIENT = Boolean.getBoolean("bench.gateway.socketClient");

    // Instead of the three parts: legs that explain the registry's CPU per read through the gateway.
    private static final boolean EXPLAIN = Boolean.getBoolean("bench.gateway.explain");

    private final Path root;

    GatewayBenchmark(Path root) {
        this.root = root;
    }

    /** The samples, wall time and server CPU time of one phase's legs, per path. */
    private static final class Phase {
        final List<Long> directSamples = new ArrayList<>();
        final List<Long> gatewaySamples = new ArrayList<>();
        double directSeconds;
        double gatewaySeconds;
        long directReads;
        long gatewayReads;
        long registryCpuDirect;
        long registryCpuViaGateway;
        long gatewayCpu;

        double directRate() {
            return directReads / directSeconds;
        }

        double gatewayRate() {
            return gatewayReads / gatewaySeconds;
        }
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "gateway", "registry")) {
            SpanSink spans = env.spans();
            Map<String, String> registrySettings = ServiceProcess.settings(env, "registry");
            try (ServiceProcess registry = ServiceProcess.start(
                    root,
                    "product-registry-service",
                    FreePorts.next(),
                    registrySettings,
                    env.work().resolve("logs"))) {
                Map<String, String> gatewaySettings = new HashMap<>(TestTokens.oidcConfig());
                gatewaySettings.put("quarkus.oidc.auth-server-url", "");
                gatewaySettings.put("quarkus.log.level", "WARN");
                gatewaySettings.put(
                        "tessera.gateway.backends.registry.url",
                        registry.uri("").toString());
                // The benchmark is one client: measure proxying, not the limiter refusing it.
                gatewaySettings.put("tessera.gateway.rate-limit.requests-per-second", "10000000");
                gatewaySettings.put("tessera.gateway.rate-limit.burst", "10000000");
                ServiceProcess.tracing(env, gatewaySettings);
                for (String pair : GATEWAY_SETTINGS.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        gatewaySettings.put(
                                pair.substring(0, eq).trim(),
                                pair.substring(eq + 1).trim());
                    }
                }
                try (ServiceProcess gateway = ServiceProcess.start(
                        root,
                        "gateway",
                        FreePorts.next(),
                        gatewaySettings,
                        env.work().resolve("logs"))) {
                    String admin = TestTokens.platformAdmin();
                    String consumer = TestTokens.dataConsumer();
                    HttpClient http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    HttpResponse<String> created = http.send(
                            HttpRequest.newBuilder(registry.uri("/api/registry/v1/domains"))
                                    .header("Authorization", "Bearer " + admin)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"id\":\"bench\",\"name\":\"Bench\",\"ownerGroup\":\"/domains/bench\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException("could not create the domain: " + created.body());
                    }
                    String path = "/api/registry/v1/domains/bench";
                    URI direct = registry.uri(path);
                    URI through = gateway.uri(path);
                    System.out.printf("Warming up with %d reads each way, alternating...%n", WARMUP);
                    for (int i = 0; i < 2; i++) {
                        read(http, direct, same(consumer, CLIENTS), WARMUP / 2);
                        read(http, through, same(consumer, CLIENTS), WARMUP / 2);
                    }
                    if (EXPLAIN) {
                        explain(http, direct, through, consumer, registry, gateway);
                        return;
                    }
                    String loadBefore = loadAverage();
                    Phase saturated = phase(http, direct, through, same(consumer, CLIENTS), READS, registry, gateway);
                    String loadBetween = loadAverage();
                    Phase single = phase(http, direct, through, same(consumer, 1), SINGLE_READS, registry, gateway);
                    String loadAfter = loadAverage();
                    // Many callers: fresh tokens for the warm-up of the verification paths, and other
                    // fresh ones for the measurement, so none is remembered from before it.
                    System.out.printf(
                            "Minting 2 x %d x %d distinct data-consumer tokens...%n", CLIENTS, TOKENS_PER_CLIENT);
                    String[][] warmTokens = distinctTokens("warm", CLIENTS, TOKENS_PER_CLIENT);
                    String[][] tokens = distinctTokens("bench", CLIENTS, TOKENS_PER_CLIENT);
                    for (int i = 0; i < 2; i++) {
                        read(http, direct, warmTokens, READS);
                        read(http, through, warmTokens, READS);
                    }
                    Phase rotating = phase(http, direct, through, tokens, READS, registry, gateway);
                    String loadEnd = loadAverage();

                    Stats viaGateway = new Stats(toArray(saturated.gatewaySamples));
                    Stats straight = new Stats(toArray(saturated.directSamples));
                    ResultTable table = new ResultTable("authenticated registry read (GET " + path + "), " + CLIENTS
                            + " concurrent clients (CPU saturated), " + ROUNDS + " x " + READS
                            + " reads each way, alternating, order flipped every round");
                    table.goal(
                            "reads/s (floor: straight to the registry)",
                            saturated.gatewayRate(),
                            saturated.directRate(),
                            "/s",
                            ">= 70% of floor",
                            saturated.gatewayRate() >= 0.7 * saturated.directRate());
                    table.goal(
                            "latency p50",
                            viaGateway.percentileMillis(50),
                            straight.percentileMillis(50),
                            "ms",
                            "< floor + 2 ms",
                            viaGateway.percentileMillis(50) < straight.percentileMillis(50) + 2);
                    table.add(
                            "latency p99",
                            viaGateway.percentileMillis(99),
                            straight.percentileMillis(99),
                            "ms",
                            "report");
                    table.print();
                    System.out.printf(
                            "%d clients: the gateway adds %.2f ms at p50 and keeps %.0f%% of direct throughput.%n",
                            CLIENTS,
                            viaGateway.percentileMillis(50) - straight.percentileMillis(50),
                            100 * saturated.gatewayRate() / saturated.directRate());

                    Stats oneViaGateway = new Stats(toArray(single.gatewaySamples));
                    Stats oneStraight = new Stats(toArray(single.directSamples));
                    ResultTable latency = new ResultTable("the same read, 1 client (nothing queues), " + ROUNDS + " x "
                            + SINGLE_READS + " reads each way, alternating, order flipped every round");
                    latency.goal(
                            "latency p50",
                            oneViaGateway.percentileMillis(50),
                            oneStraight.percentileMillis(50),
                            "ms",
                            "< floor + 2 ms",
                            oneViaGateway.percentileMillis(50) < oneStraight.percentileMillis(50) + 2);
                    latency.add(
                            "latency p99",
                            oneViaGateway.percentileMillis(99),
                            oneStraight.percentileMillis(99),
                            "ms",
                            "report");
                    latency.add("reads/s", single.gatewayRate(), single.directRate(), "/s", "report");
                    latency.print();
                    System.out.printf(
                            "1 client: the gateway adds %.2f ms at p50 and %.2f ms at p99.%n",
                            oneViaGateway.percentileMillis(50) - oneStraight.percentileMillis(50),
                            oneViaGateway.percentileMillis(99) - oneStraight.percentileMillis(99));

                    Stats manyViaGateway = new Stats(toArray(rotating.gatewaySamples));
                    Stats manyStraight = new Stats(toArray(rotating.directSamples));
                    ResultTable many = new ResultTable("the same read, " + CLIENTS + " clients, each rotating through "
                            + TOKENS_PER_CLIENT + " distinct tokens (" + CLIENTS * TOKENS_PER_CLIENT
                            + " in all, none seen before the measurement), " + ROUNDS + " x " + READS
                            + " reads each way, alternating, order flipped every round");
                    many.goal(
                            "reads/s (floor: straight to the registry)",
                            rotating.gatewayRate(),
                            rotating.directRate(),
                            "/s",
                            ">= 70% of floor",
                            rotating.gatewayRate() >= 0.7 * rotating.directRate());
                    many.goal(
                            "latency p50",
                            manyViaGateway.percentileMillis(50),
                            manyStraight.percentileMillis(50),
                            "ms",
                            "< floor + 2 ms",
                            manyViaGateway.percentileMillis(50) < manyStraight.percentileMillis(50) + 2);
                    many.add(
                            "latency p99",
                            manyViaGateway.percentileMillis(99),
                            manyStraight.percentileMillis(99),
                            "ms",
                            "report");
                    many.add(
                            "gateway CPU per proxied read (floor: registry per direct read)",
                            micros(rotating.gatewayCpu) / rotating.gatewayReads,
                            micros(rotating.registryCpuDirect) / rotating.directReads,
                            "us",
                            "report");
                    many.add(
                            "registry CPU per read through the gateway (floor: per direct read)",
                            micros(rotating.registryCpuViaGateway) / rotating.gatewayReads,
                            micros(rotating.registryCpuDirect) / rotating.directReads,
                            "us",
                            "report");
                    many.print();
                    System.out.printf(
                            "%d clients, %d tokens each: the gateway adds %.2f ms at p50 and keeps %.0f%% of direct"
                                    + " throughput.%n",
                            CLIENTS,
                            TOKENS_PER_CLIENT,
                            manyViaGateway.percentileMillis(50) - manyStraight.percentileMillis(50),
                            100 * rotating.gatewayRate() / rotating.directRate());

                    long directReads = saturated.directReads + single.directReads;
                    long gatewayReads = saturated.gatewayReads + single.gatewayReads;
                    double registryDirect =
                            micros(saturated.registryCpuDirect + single.registryCpuDirect) / directReads;
                    double registryProxied =
                            micros(saturated.registryCpuViaGateway + single.registryCpuViaGateway) / gatewayReads;
                    double gatewayOwn = micros(saturated.gatewayCpu + single.gatewayCpu) / gatewayReads;
                    ResultTable cpu = new ResultTable(
                            "server CPU time per read, both phases (process CPU, all threads; independent of load)");
                    cpu.add(
                            "gateway, per proxied read (floor: registry, per direct read), one token",
                            gatewayOwn,
                            registryDirect,
                            "us",
                            "report");
                    cpu.add(
                            "registry, per read through the gateway (floor: per direct read)",
                            registryProxied,
                            registryDirect,
                            "us",
                            "report");
                    cpu.print();
                    System.out.printf(
                            "Tracing: %s.%n",
                            TRACING
                                    ? "gateway and registry both trace, sampler " + SpanSink.SAMPLER
                                            + (SpanSink.SAMPLER_ARG.isBlank() ? "" : " " + SpanSink.SAMPLER_ARG)
                                            + "; " + spans.batches()
                                            + " span batches exported to the sink"
                                    : "off on both sides");
                    if (!GATEWAY_SETTINGS.isBlank()) {
                        System.out.println("Extra gateway settings: " + GATEWAY_SETTINGS);
                    }
                    System.out.printf(
                            "Load average (1/5/15 min) before: %s, between the phases: %s and %s, after: %s%n",
                            loadBefore, loadBetween, loadAfter, loadEnd);
                }
            }
        }
    }

    /**
     * Alternating rounds of {@code reads} reads each way, one concurrent client per row of
     * {@code tokens}, each rotating through its row.
     */
    private static Phase phase(
            HttpClient http,
            URI direct,
            URI through,
            String[][] tokens,
            int reads,
            ServiceProcess registry,
            ServiceProcess gateway)
            throws Exception {
        Phase phase = new Phase();
        for (int round = 0; round < ROUNDS; round++) {
            boolean directFirst = round % 2 == 0;
            for (int leg = 0; leg < 2; leg++) {
                boolean viaDirect = directFirst == (leg == 0);
                long registryCpu = registry.cpuNanos();
                long gatewayCpu = gateway.cpuNanos();
                long t0 = System.nanoTime();
                long[] samples = read(http, viaDirect ? direct : through, tokens, reads);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long registryUsed = registry.cpuNanos() - registryCpu;
                long gatewayUsed = gateway.cpuNanos() - gatewayCpu;
                if (viaDirect) {
                    add(phase.directSamples, samples);
                    phase.directSeconds += seconds;
                    phase.directReads += reads;
                    phase.registryCpuDirect += registryUsed;
                } else {
                    add(phase.gatewaySamples, samples);
                    phase.gatewaySeconds += seconds;
                    phase.gatewayReads += reads;
                    phase.registryCpuViaGateway += registryUsed;
                    phase.gatewayCpu += gatewayUsed;
                }
            }
        }
        return phase;
    }

    /**
     * Registry CPU per read in legs that differ from the direct read in one way each: the headers the
     * gateway adds, the rate the gateway achieves, and the gateway itself.
     */
    private static void explain(
            HttpClient http, URI direct, URI through, String token, ServiceProcess registry, ServiceProcess gateway)
            throws Exception {
        double gatewayRate = 0;
        for (int round = 0; round < 2; round++) {
            for (String leg : List.of("direct", "direct+headers", "gateway", "direct paced", "direct+headers paced")) {
                long registryCpu = registry.cpuNanos();
                long gatewayCpu = gateway.cpuNanos();
                long t0 = System.nanoTime();
                double pace = leg.endsWith("paced") ? gatewayRate : 0;
                boolean headers = leg.contains("headers");
                URI target = leg.equals("gateway") ? through : direct;
                readWith(http, target, token, READS, CLIENTS, headers, pace);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double rate = READS / seconds;
                if (leg.equals("gateway")) {
                    gatewayRate = rate;
                }
                System.out.printf(
                        "EXPLAIN round %d %-22s %7.0f reads/s  registry %5.0f us/read  gateway %5.0f us/read  registry conns %s  load %s%n",
                        round,
                        leg,
                        rate,
                        micros(registry.cpuNanos() - registryCpu) / READS,
                        micros(gateway.cpuNanos() - gatewayCpu) / READS,
                        connections(direct.getPort()),
                        loadAverage());
            }
        }
    }

    private static String connections(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( sport = :" + port + " )")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            return Long.toString(out.lines().filter(l -> !l.isBlank()).count());
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static void readWith(
            HttpClient http, URI uri, String token, int count, int clients, boolean gatewayHeaders, double rate)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (rate > 0) {
                            long due = start + (long) (i * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .GET();
                        if (gatewayHeaders) {
                            request.header(
                                            "traceparent",
                                            String.format(
                                                    "00-%016x%016x-%016x-01",
                                                    random.nextLong(), random.nextLong(), random.nextLong()))
                                    .header(
                                            "X-Request-Id",
                                            new java.util.UUID(random.nextLong(), random.nextLong()).toString())
                                    .header("X-Forwarded-For", "127.0.0.1")
                                    .header("X-Forwarded-Proto", "http")
                                    .header("X-Forwarded-Host", "127.0.0.1:" + uri.getPort());
                        }
                        HttpResponse<Void> response =
                                http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IOException(uri + " answered " + response.statusCode());
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

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }

    /** One client's way of sending the read: a call that returns the answer's status. */
    private interface Client extends AutoCloseable {
        int read() throws IOException, InterruptedException;

        @Override
        default void close() throws IOException {}
    }

    /** Each client's next token in its row, kept across legs (rows are compared by identity). */
    private static final Map<String[], int[]> TURNS =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /** One row per client, each holding only {@code token}. */
    private static String[][] same(String token, int clients) {
        String[][] tokens = new String[clients][];
        java.util.Arrays.fill(tokens, new String[] {token});
        return tokens;
    }

    /**
     * {@code perClient} distinct data-consumer tokens for each of {@code clients} clients, minted and
     * signed as the other benchmark tokens are (each its own subject).
     */
    private static String[][] distinctTokens(String prefix, int clients, int perClient) {
        String[][] tokens = new String[clients][perClient];
        for (int c = 0; c < clients; c++) {
            for (int k = 0; k < perClient; k++) {
                tokens[c][k] = TestTokens.user(
                        "bench-" + prefix + "-" + c + "-" + k, java.util.Set.of("data-consumer"), List.of());
            }
        }
        return tokens;
    }

    /**
     * {@code count} reads of {@code uri} from one concurrent client per row of {@code tokens}; a
     * client sends its row's tokens in turn. Latencies in nanoseconds, in read order.
     */
    private static long[] read(HttpClient http, URI uri, String[][] tokens, int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        URI base = URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try (ExecutorService pool = Executors.newFixedThreadPool(tokens.length)) {
            List<Future<?>> workers = new ArrayList<>();
            for (String[] own : tokens) {
                workers.add(pool.submit(() -> {
                    HttpRequest[] requests = new HttpRequest[own.length];
                    for (int k = 0; k < own.length; k++) {
                        requests[k] = HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + own[k])
                                .GET()
                                .build();
                    }
                    // Where this client left off in its row: a leg shorter than the row continues it, so
                    // every token is sent once before any is sent again.
                    int[] turn = TURNS.computeIfAbsent(own, row -> new int[1]);
                    try (Client client = SOCKET_CLIENT
                            ? socketClient(new KeepAliveConnection(base), path, own, turn)
                            : () -> http.send(
                                            requests[turn[0]++ % requests.length],
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            int status = client.read();
                            latencies[i] = System.nanoTime() - t0;
                            if (status != 200) {
                                throw new IOException(uri + " answered " + status);
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
        return latencies;
    }

    /** A client on a kept-alive socket of its own, closed with it. */
    private static Client socketClient(KeepAliveConnection connection, String path, String[] tokens, int[] turn) {
        return new Client() {
            @Override
            public int read() throws IOException {
                return connection.get(path, tokens[turn[0]++ % tokens.length]).status();
            }

            @Override
            public void close() throws IOException {
                connection.close();
            }
        };
    }

    /** The machine's load average, which the figures must be read against on a shared machine. */
    private static String loadAverage() {
        try {
            String[] fields =
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void add(List<Long> into, long[] samples) {
        for (long s : samples) {
            into.add(s);
        }
    }

    private static long[] toArray(List<Long> samples) {
        return samples.stream().mapToLong(Long::longValue).toArray();
    }
}

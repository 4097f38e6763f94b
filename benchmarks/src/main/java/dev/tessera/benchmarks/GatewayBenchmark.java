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
 * valid token, straight to the registry and through the gateway, at the same concurrency in
 * alternating rounds of the same run. The order flips every round so neither path always runs
 * first after the other warmed the shared CPU caches and registry; both JVMs are warmed with
 * alternating rounds too. The straight read is the floor; the gateway's own token verification,
 * role check, limits and proxying are the difference.
 */
final class GatewayBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int READS = Integer.getInteger("bench.reads", 7_500);
    // Its own knob: the shared bench.warmup (500) is too few reads for the JIT of two server JVMs.
    private static final int WARMUP = Integer.getInteger("bench.gateway.warmup", 3_000);
    private static final int ROUNDS = 4;

    private final Path root;

    GatewayBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "gateway", "registry")) {
            Map<String, String> registrySettings = ServiceProcess.settings(env.pg(), "registry", env.kafka());
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
                        read(http, direct, consumer, WARMUP / 2);
                        read(http, through, consumer, WARMUP / 2);
                    }
                    String loadBefore = loadAverage();

                    List<Long> directSamples = new ArrayList<>();
                    List<Long> gatewaySamples = new ArrayList<>();
                    double directSeconds = 0;
                    double gatewaySeconds = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        boolean directFirst = round % 2 == 0;
                        for (int leg = 0; leg < 2; leg++) {
                            boolean viaDirect = directFirst == (leg == 0);
                            long t0 = System.nanoTime();
                            long[] samples = read(http, viaDirect ? direct : through, consumer, READS);
                            double seconds = (System.nanoTime() - t0) / 1e9;
                            if (viaDirect) {
                                add(directSamples, samples);
                                directSeconds += seconds;
                            } else {
                                add(gatewaySamples, samples);
                                gatewaySeconds += seconds;
                            }
                        }
                    }
                    String loadAfter = loadAverage();
                    Stats viaGateway = new Stats(toArray(gatewaySamples));
                    Stats straight = new Stats(toArray(directSamples));
                    double gatewayRate = ROUNDS * READS / gatewaySeconds;
                    double directRate = ROUNDS * READS / directSeconds;
                    ResultTable table = new ResultTable("authenticated registry read (GET " + path + "), " + CLIENTS
                            + " concurrent clients, " + ROUNDS + " x " + READS
                            + " reads each way, alternating, order flipped every round");
                    table.add(
                            "reads/s (floor: straight to the registry)",
                            gatewayRate,
                            directRate,
                            "/s",
                            ">= 70% of floor");
                    table.add(
                            "latency p50",
                            viaGateway.percentileMillis(50),
                            straight.percentileMillis(50),
                            "ms",
                            "< floor + 2 ms");
                    table.add(
                            "latency p99",
                            viaGateway.percentileMillis(99),
                            straight.percentileMillis(99),
                            "ms",
                            "report");
                    table.print();
                    System.out.printf(
                            "Gateway adds %.2f ms at p50 and keeps %.0f%% of direct throughput.%n",
                            viaGateway.percentileMillis(50) - straight.percentileMillis(50),
                            100 * gatewayRate / directRate);
                    System.out.printf("Load average (1/5/15 min) before: %s, after: %s%n", loadBefore, loadAfter);
                }
            }
        }
    }

    private static long[] read(HttpClient http, URI uri, String token, int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies[i] = System.nanoTime() - t0;
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
        return latencies;
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

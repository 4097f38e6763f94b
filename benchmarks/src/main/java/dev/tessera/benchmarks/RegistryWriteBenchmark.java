package dev.tessera.benchmarks;

import dev.tessera.events.Topics;
import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Product writes per second through the registry's API, with the outbox relaying every change to a
 * real Kafka broker, beside raw single-row PostgreSQL inserts of a same-sized JSONB document on the
 * same server, at the same concurrency. The registry traces as it ships; the server commits durably
 * for both ({@link BenchEnvironment}); the floor's connections are opened and warmed with as many
 * writes as the registry before its clock starts.
 */
final class RegistryWriteBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 500);
    private static final int WRITES = Integer.getInteger("bench.writes", 4000);

    private final Path root;

    RegistryWriteBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "registry", "registry")) {
            Path work = env.work();
            EmbeddedPostgresServer pg = env.pg();
            EmbeddedKafka kafka = env.kafka();
            Map<String, String> settings = ServiceProcess.settings(env, "registry");
            try (ServiceProcess registry = ServiceProcess.start(
                    root, "product-registry-service", FreePorts.next(), settings, work.resolve("logs"))) {
                String domain = "bench";
                String admin = TestTokens.platformAdmin();
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                send(
                        http,
                        HttpRequest.newBuilder(registry.uri("/api/registry/v1/domains"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench\",\"name\":\"Bench\"}"))
                                .build());

                System.out.printf("Warming up with %d writes...%n", WARMUP);
                writeProducts(http, registry, admin, domain, "warm", WARMUP);
                Set<String> ids = new HashSet<>();
                long start = System.nanoTime();
                long[] latencies = writeProducts(http, registry, admin, domain, "bench", WRITES);
                long apiDone = System.nanoTime();
                for (int i = 0; i < WRITES; i++) {
                    ids.add("bench-" + i);
                }
                awaitEvents(kafka, ids);
                long relayed = System.nanoTime();
                double apiRate = WRITES / seconds(apiDone - start);
                double endToEndRate = WRITES / seconds(relayed - start);
                Stats api = new Stats(latencies);

                System.out.printf("Floor: %d single-row inserts after %d to warm up...%n", WRITES, WARMUP);
                String document = descriptor("floor-x", domain);
                double floorRate;
                Stats floor;
                String run = UUID.randomUUID().toString();
                try (FloorInserts inserts = FloorInserts.open(
                        pg,
                        CLIENTS,
                        "CREATE TABLE IF NOT EXISTS product_floor"
                                + " (id TEXT PRIMARY KEY, doc JSONB NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                        "INSERT INTO product_floor (id, doc)",
                        "(?, ?::jsonb)",
                        2)) {
                    inserts.write(WARMUP, 1, (insert, first, i) -> {
                        insert.setString(first, "warm-" + run + "-" + i);
                        insert.setString(first + 1, document);
                    });
                    FloorInserts.Pass pass = inserts.write(WRITES, 1, (insert, first, i) -> {
                        insert.setString(first, "bench-" + run + "-" + i);
                        insert.setString(first + 1, document);
                    });
                    floorRate = WRITES / pass.seconds();
                    floor = new Stats(pass.latencies());
                }

                ResultTable table = new ResultTable("product writes (" + CLIENTS + " concurrent clients, " + WRITES
                        + " writes, descriptor " + document.length() + " bytes; " + env.commits() + "; "
                        + ServiceProcess.tracingNote(env) + ")");
                table.add("writes/s acknowledged by the API", apiRate, floorRate, "/s", "report");
                table.add("writes/s with every event on Kafka", endToEndRate, floorRate, "/s", "report");
                table.add("write latency p50", api.percentileMillis(50), floor.percentileMillis(50), "ms", "report");
                table.add("write latency p99", api.percentileMillis(99), floor.percentileMillis(99), "ms", "report");
                table.print();
            }
        }
    }

    private long[] writeProducts(
            HttpClient http, ServiceProcess registry, String token, String domain, String prefix, int count)
            throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String id = prefix + "-" + i;
                        HttpRequest request = HttpRequest.newBuilder(registry.uri("/api/registry/v1/products/" + id))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(descriptor(id, domain)))
                                .build();
                        long t0 = System.nanoTime();
                        send(http, request);
                        latencies[i] = System.nanoTime() - t0;
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

    private static void awaitEvents(EmbeddedKafka kafka, Set<String> keys) {
        Set<String> missing = new HashSet<>(keys);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PRODUCTS));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> missing.remove(r.key()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " products never reached Kafka");
        }
    }

    private static void send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
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

    static String descriptor(String id, String domain) {
        return """
                {"apiVersion":"v1.0.0","kind":"DataProduct","id":"%1$s","name":"Product %1$s","version":"1.0.0",
                 "status":"draft","domain":"%2$s",
                 "description":{"purpose":"Benchmark product with one table port and a typed contract."},
                 "tags":["bench"],
                 "outputPorts":[{"name":"table","version":"1.0.0","type":"tables","contract":{
                   "apiVersion":"v3.1.0","kind":"DataContract","id":"%1$s-contract","version":"1.0.0","status":"active",
                   "servers":[{"server":"prod","type":"postgres","host":"db","port":5432,"database":"shop","schema":"public"}],
                   "schema":[{"name":"orders","logicalType":"object","properties":[
                     {"name":"order_id","logicalType":"string","physicalType":"varchar(36)","primaryKey":true,"required":true},
                     {"name":"amount","logicalType":"number","physicalType":"decimal(10,2)"},
                     {"name":"placed_at","logicalType":"timestamp","physicalType":"timestamptz"}]}]}}]}
                """.formatted(id, domain);
    }
}

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
 * for both ({@link BenchEnvironment}); each client sends on a kept-alive connection of its own
 * ({@link KeepAliveConnection}) as each floor sender inserts on a JDBC connection of its own, both
 * opened and warmed with as many writes before the clock starts, and the floor writes as many rows
 * as the API.
 *
 * <p>The warm-up is long ({@code bench.warmup}, 10,000 writes by default) because the service's JIT is slow to
 * settle: with 500 writes of warm-up the C2 compiler threads took 8.8 s of the registry's 28.6 s of CPU during the
 * measured phase, and with 6,000 still 2.9 s of 8.1 s; its compile time stops growing after about 10,000. A figure
 * taken earlier measures the compiler, not the write path. The floor warms up with as many inserts.
 *
 * <p>Then the bulk apply: {@code bench.bulk} products (1,000) in calls of {@code bench.bulkPerCall}
 * (all of them in one call by default), after a warm-up call, beside the same number of the same
 * documents inserted in 100-row INSERTs, each its own durable transaction, on one warmed connection.
 */
final class RegistryWriteBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10_000);
    private static final int WRITES = Integer.getInteger("bench.writes", 4000);
    private static final int BULK = Integer.getInteger("bench.bulk", 1000);
    private static final int BULK_PER_CALL = Integer.getInteger("bench.bulkPerCall", 1000);
    private static final int BULK_WARMUP = Integer.getInteger("bench.bulkWarmup", 200);

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

                // One kept-alive connection per client, opened before anything is timed and kept
                // across warm-up and measurement, as the floor keeps its JDBC connections.
                List<KeepAliveConnection> senders = new java.util.ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    senders.add(new KeepAliveConnection(registry.uri("")));
                }
                System.out.printf("Warming up with %d writes...%n", WARMUP);
                writeProducts(senders, admin, domain, "warm", WARMUP);
                Set<String> ids = new HashSet<>();
                long start = System.nanoTime();
                long[] latencies = writeProducts(senders, admin, domain, "bench", WRITES);
                long apiDone = System.nanoTime();
                for (KeepAliveConnection sender : senders) {
                    sender.close();
                }
                for (int i = 0; i < WRITES; i++) {
                    ids.add("bench-" + i);
                }
                awaitEvents(kafka, ids);
                long relayed = System.nanoTime();
                printGroups(http, registry);
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

                System.out.printf(
                        "Bulk apply: %d products in calls of %d after %d to warm up...%n",
                        BULK, BULK_PER_CALL, BULK_WARMUP);
                bulkApply(http, registry, admin, domain, "bulk-warm", BULK_WARMUP);
                long bulkStart = System.nanoTime();
                bulkApply(http, registry, admin, domain, "bulk", BULK);
                double bulkSeconds = seconds(System.nanoTime() - bulkStart);
                Set<String> bulkIds = new HashSet<>();
                for (int i = 0; i < BULK; i++) {
                    bulkIds.add("bulk-" + i);
                }
                awaitEvents(kafka, bulkIds);
                double bulkRelayedSeconds = seconds(System.nanoTime() - bulkStart);
                double bulkFloorSeconds;
                try (FloorInserts inserts = FloorInserts.open(
                        pg,
                        1,
                        "CREATE TABLE IF NOT EXISTS product_bulk_floor"
                                + " (id TEXT PRIMARY KEY, doc JSONB NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                        "INSERT INTO product_bulk_floor (id, doc)",
                        "(?, ?::jsonb)",
                        2)) {
                    inserts.write(BULK_WARMUP, 100, (insert, first, i) -> {
                        insert.setString(first, "warm-" + run + "-" + i);
                        insert.setString(first + 1, document);
                    });
                    bulkFloorSeconds = inserts.write(BULK, 100, (insert, first, i) -> {
                                insert.setString(first, "bulk-" + run + "-" + i);
                                insert.setString(first + 1, document);
                            })
                            .seconds();
                }

                ResultTable table = new ResultTable("product writes (" + CLIENTS + " concurrent clients, " + WRITES
                        + " writes, descriptor " + document.length() + " bytes; " + env.commits() + "; "
                        + ServiceProcess.tracingNote(env) + ")");
                table.goal(
                        "writes/s acknowledged by the API",
                        apiRate,
                        floorRate,
                        "/s",
                        ">= 20% of floor",
                        apiRate >= 0.2 * floorRate);
                table.add("writes/s with every event on Kafka", endToEndRate, floorRate, "/s", "report");
                table.add("write latency p50", api.percentileMillis(50), floor.percentileMillis(50), "ms", "report");
                table.goal(
                        "write latency p99",
                        api.percentileMillis(99),
                        floor.percentileMillis(99),
                        "ms",
                        "p99 < 50 ms",
                        api.percentileMillis(99) < 50);
                table.goal(
                        "bulk apply of " + BULK + " products (" + Math.ceilDiv(BULK, BULK_PER_CALL)
                                + " call(s); floor: 100-row INSERTs)",
                        bulkSeconds,
                        bulkFloorSeconds,
                        "s",
                        "< 10 s",
                        bulkSeconds < 10);
                table.add("bulk apply with every event on Kafka", bulkRelayedSeconds, bulkFloorSeconds, "s", "report");
                table.print();
            }
        }
    }

    /** Writes products {@code prefix-0..count-1} with PUT, each client on its own connection, all at once. */
    private static long[] writeProducts(
            List<KeepAliveConnection> senders, String token, String domain, String prefix, int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders.size())) {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (KeepAliveConnection sender : senders) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String id = prefix + "-" + i;
                        String body = descriptor(id, domain);
                        long t0 = System.nanoTime();
                        KeepAliveConnection.Answer answer =
                                sender.putJson("/api/registry/v1/products/" + id, token, body);
                        latencies[i] = System.nanoTime() - t0;
                        if (answer.status() >= 300) {
                            throw new IllegalStateException(
                                    "PUT " + id + " answered " + answer.status() + ": " + answer.body());
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

    /**
     * How the group commit grouped the writes so far (warm-up included): transactions and writes per
     * transaction, from the service's own meter.
     */
    private static void printGroups(HttpClient http, ServiceProcess registry) {
        String metrics = send(
                http, HttpRequest.newBuilder(registry.uri("/q/metrics")).GET().build());
        double groups = 0;
        double writes = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("tessera_registry_apply_group_writes_count")) {
                groups = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("tessera_registry_apply_group_writes_sum")) {
                writes = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        System.out.printf(
                "Group commit: %.0f writes in %.0f transactions (%.2f per transaction)%n",
                writes, groups, groups == 0 ? 0 : writes / groups);
    }

    /** Applies products {@code prefix-0..count-1} through the bulk endpoint, in calls of {@link #BULK_PER_CALL}. */
    private static void bulkApply(
            HttpClient http, ServiceProcess registry, String token, String domain, String prefix, int count) {
        for (int from = 0; from < count; from += BULK_PER_CALL) {
            StringBuilder body = new StringBuilder("{\"items\":[");
            for (int i = from; i < Math.min(count, from + BULK_PER_CALL); i++) {
                String id = prefix + "-" + i;
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"id\":\"")
                        .append(id)
                        .append("\",\"descriptor\":")
                        .append(jsonString(descriptor(id, domain)))
                        .append('}');
            }
            body.append("]}");
            String answer = send(
                    http,
                    HttpRequest.newBuilder(registry.uri("/api/registry/v1/products/bulk"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build());
            if (!answer.contains("\"refused\":0")) {
                throw new IllegalStateException(
                        "bulk apply refused items: " + answer.substring(0, Math.min(answer.length(), 2000)));
            }
        }
    }

    /** The text as a JSON string literal. */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
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

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.Topics;
import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two lineage processes on one database and one broker, as the Kubernetes base runs them: each
 * replica's index must learn the other's writes through {@code tessera.lineage}, across restarts and
 * crashes, without losing or doubling an edge. Only PostgreSQL, Kafka and the two processes start
 * (tokens are checked against the development key), so this runs without the whole stack.
 */
class LineageReplicasE2ETest {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final String TOKEN = TestTokens.bearer(TestTokens.platformAdmin());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private static ManagedProcess a;
    private static ManagedProcess b;

    @BeforeAll
    static void startTwoReplicas() throws IOException {
        Path root = Path.of(System.getProperty("tessera.root", "../.."))
                .toAbsolutePath()
                .normalize();
        Path data = root.resolve("deploy/local/target/lineage-replicas");
        LocalStack.deleteRecursively(data);
        Files.createDirectories(data);
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"));
        postgres.ensureDatabase("lineage");
        kafka = EmbeddedKafka.start(data.resolve("kafka"));
        kafka.createTopics(
                Topics.ALL.stream().collect(Collectors.toMap(Function.identity(), Topics.COMPACTED::contains)), 3);
        // Another build of the service can be named, e.g. to run this test against an older one.
        Path jar = Path.of(System.getProperty(
                "tessera.lineage.jar",
                root.resolve("lineage-service/target/quarkus-app/quarkus-run.jar")
                        .toString()));
        a = replica("lineage-a", jar, data);
        b = replica("lineage-b", jar, data);
        a.start();
        b.start();
        a.awaitReady(READY);
        b.awaitReady(READY);
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, kafka, postgres}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep stopping the rest
                }
            }
        }
    }

    private static ManagedProcess replica(String name, Path jar, Path data) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("lineage"));
        settings.put("quarkus.datasource.username", postgres.username());
        settings.put("quarkus.datasource.password", postgres.password());
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.putAll(TestTokens.oidcConfig());
        settings.put("quarkus.oidc.auth-server-url", "");
        settings.put("quarkus.otel.sdk.disabled", "true");
        return ManagedProcess.of(
                name,
                jar,
                FreePorts.next(),
                settings,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                data.resolve("logs"));
    }

    @Test
    void aWriteThroughOneReplicaIsVisibleThroughTheOtherWithinOneSecond() throws Exception {
        Run run = Run.unique("visible");

        assertThat(post(a, run.json()).statusCode()).isBetween(200, 299);

        await("B's traversal from " + run.input())
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> downstream(b, run.input()).contains("DATASET:" + run.output()));
    }

    @Test
    void anEventPostedToOneReplicaWhileTheOtherRestartsIsVisibleInItAfterItsRestart() throws Exception {
        a.close();
        a.start();
        // Events keep arriving at B throughout A's start: before, during and after its rebuild.
        List<Run> runs = new ArrayList<>();
        do {
            Run run = Run.unique("restart");
            assertThat(post(b, run.json()).statusCode()).isBetween(200, 299);
            runs.add(run);
        } while (!a.isReady() && a.isAlive());
        a.awaitReady(READY);
        Run afterReady = Run.unique("restart");
        assertThat(post(b, afterReady.json()).statusCode()).isBetween(200, 299);
        runs.add(afterReady);

        await("every run posted to B visible in A")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    for (Run run : runs) {
                        assertThat(downstream(a, run.input())).as(run.input()).contains("DATASET:" + run.output());
                    }
                });
    }

    @Test
    void killingAReplicaDuringIngestLosesNothingAndDoublesNothing() throws Exception {
        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        int events = 120;
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            runs.add(new Run(prefix + "-" + i));
        }
        ConcurrentLinkedQueue<Run> pending = new ConcurrentLinkedQueue<>(runs);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int sender = t;
                done.add(senders.submit(() -> {
                    Run run;
                    while ((run = pending.poll()) != null) {
                        // Half the senders talk to A; a call A cannot answer goes to B, as a client
                        // behind the Service would retry it. A duplicate is recognised by its fingerprint.
                        ManagedProcess first = sender % 2 == 0 ? a : b;
                        if (!postQuietly(first, run) && !postQuietly(b, run)) {
                            throw new IllegalStateException("neither replica took " + run.job());
                        }
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= events / 3);
            a.kill();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        a.start();
        a.awaitReady(READY);

        // The database holds each run once: one stored event, three nodes and two present edges per run.
        assertThat(count(
                        "SELECT count(*) FROM openlineage_event WHERE subject_key LIKE 'JOB:replicas/" + prefix + "%'"))
                .isEqualTo(events);
        assertThat(count("SELECT count(DISTINCT run_id) FROM openlineage_event WHERE subject_key LIKE 'JOB:replicas/"
                        + prefix + "%'"))
                .isEqualTo(events);
        assertThat(count("SELECT count(*) FROM lineage_node WHERE name LIKE '%" + prefix + "%'"))
                .isEqualTo(3L * events);
        assertThat(count("SELECT count(*) FROM lineage_edge e JOIN lineage_node n ON n.id = e.from_id "
                        + "WHERE e.present AND n.name LIKE '%" + prefix + "%'"))
                .isEqualTo(2L * events);

        // Both indexes hold each edge exactly once: the export lists a doubled edge twice.
        for (ManagedProcess replica : List.of(a, b)) {
            await(replica.name() + " holds every run once")
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> {
                        for (Run run : runs) {
                            assertThat(edgesAround(replica, "JOB:" + run.job()))
                                    .as(replica.name() + " around " + run.job())
                                    .containsExactlyInAnyOrder(
                                            "DATASET:" + run.input() + " -> JOB:" + run.job(),
                                            "JOB:" + run.job() + " -> DATASET:" + run.output());
                        }
                    });
        }
    }

    /** A run of one job reading one dataset and writing another, all named after the run. */
    private record Run(String name) {
        static Run unique(String prefix) {
            return new Run(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        }

        String job() {
            return "replicas/" + name + ".job";
        }

        String input() {
            return "replicas/" + name + ".in";
        }

        String output() {
            return "replicas/" + name + ".out";
        }

        String json() {
            UUID runId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
            return """
                    {"eventType": "COMPLETE", "eventTime": "2026-12-07T05:00:00Z",
                     "run": {"runId": "%s"},
                     "job": {"namespace": "replicas", "name": "%s.job"},
                     "inputs": [{"namespace": "replicas", "name": "%s.in"}],
                     "outputs": [{"namespace": "replicas", "name": "%s.out"}],
                     "producer": "https://tessera.dev/tests",
                     "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
                    """.formatted(runId, name, name, name);
        }
    }

    private static HttpResponse<String> post(ManagedProcess replica, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(replica.uri("/api/v1/lineage"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** True when the replica took the event; false when it could not be reached or failed. */
    private static boolean postQuietly(ManagedProcess replica, Run run) {
        try {
            return post(replica, run.json()).statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode get(ManagedProcess replica, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(replica.uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** Keys of the nodes downstream of a dataset, or none when the replica does not know it. */
    private static Set<String> downstream(ManagedProcess replica, String dataset)
            throws IOException, InterruptedException {
        JsonNode page =
                get(replica, "/api/v1/lineage/graph?direction=downstream&depth=2&node=" + encode("DATASET:" + dataset));
        Set<String> keys = new HashSet<>();
        if (page != null) {
            page.path("items").forEach(n -> keys.add(n.path("key").asText()));
        }
        return keys;
    }

    /** The edges of the export around a node, as "from -> to", duplicates kept. */
    private static List<String> edgesAround(ManagedProcess replica, String node)
            throws IOException, InterruptedException {
        JsonNode graph = get(replica, "/api/v1/lineage/export?direction=both&depth=1&format=json&node=" + encode(node));
        List<String> edges = new ArrayList<>();
        if (graph != null) {
            graph.path("edges")
                    .forEach(e -> edges.add(
                            e.path("from").asText() + " -> " + e.path("to").asText()));
        }
        return edges;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        postgres.jdbcUrl("lineage"), postgres.username(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

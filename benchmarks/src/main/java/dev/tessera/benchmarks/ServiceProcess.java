package dev.tessera.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged Quarkus service started as its own process, as it runs in production mode. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** 32 random bytes, base64-encoded: a throw-away key for settings that need one. */
    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /**
     * Whether services trace as they ship (every request, exported over OTLP, here into the run's
     * {@link SpanSink}). {@code -Dbench.tracing=false} turns the SDK off instead, for comparison
     * only: the goal rows are the shipped configuration's.
     */
    static final boolean TRACING = Boolean.parseBoolean(System.getProperty("bench.tracing", "true"))
            && Boolean.parseBoolean(System.getProperty("bench.gateway.tracing", "true"));

    /**
     * The settings every benchmarked service needs: its database on the run's server, the broker,
     * quiet logs, tokens verified locally with the test key (an empty server URL turns OIDC
     * discovery off), and tracing as shipped into the run's span sink. Mutable, so a scenario can
     * add its own.
     */
    static Map<String, String> settings(BenchEnvironment env, String database) {
        dev.tessera.testkit.EmbeddedPostgresServer pg = env.pg();
        Map<String, String> settings = new java.util.HashMap<>(dev.tessera.testkit.TestTokens.oidcConfig());
        settings.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        settings.put("quarkus.datasource.username", pg.username());
        settings.put("quarkus.datasource.password", pg.password());
        settings.put("kafka.bootstrap.servers", env.kafka().bootstrapServers());
        settings.put("quarkus.log.level", "WARN");
        settings.put("quarkus.oidc.auth-server-url", "");
        tracing(env, settings);
        return settings;
    }

    /** Tracing as shipped into the run's sink, or off with {@code -Dbench.tracing=false}. */
    static void tracing(BenchEnvironment env, Map<String, String> settings) {
        if (TRACING) {
            env.spans().traceInto(settings);
        } else {
            settings.put("quarkus.otel.sdk.disabled", "true");
        }
    }

    /** How the services traced in this run, for the tables' captions. */
    static String tracingNote(BenchEnvironment env) {
        return TRACING
                ? "tracing as shipped (sampler " + SpanSink.SAMPLER
                        + (SpanSink.SAMPLER_ARG.isBlank() ? "" : " " + SpanSink.SAMPLER_ARG) + ", "
                        + env.spans().batches() + " span batches exported)"
                : "tracing OFF (-Dbench.tracing=false): not the shipped configuration";
    }

    /** Starts {@code module}'s fast-jar with the given settings as system properties and waits until it is ready. */
    static ServiceProcess start(Path root, String module, int port, Map<String, String> settings, Path logDir)
            throws IOException, InterruptedException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with `./mvnw -Pbench -pl benchmarks -am verify"
                    + " -DskipTests` so the service is packaged first.");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // Extra JVM options for the service, e.g. a flight recording while investigating a figure.
        List<String> extra = new ArrayList<>();
        for (String option : System.getProperty("bench.serviceJvmArgs", "").split(" ")) {
            if (!option.isBlank()) {
                extra.add(option);
            }
        }
        // A collector named there replaces the shipped options (two collectors would not start).
        if (extra.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            command.addAll(shippedJvmOptions(module));
        }
        command.addAll(extra);
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(logDir);
        Path log = logDir.resolve(module + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitReady(Duration.ofMinutes(2));
        return service;
    }

    /**
     * JVM options a service ships with beyond its heap limit, as its Kubernetes config map sets them
     * (deploy/k8s/base/&lt;service&gt;/configmap.yaml, JAVA_OPTS_APPEND), so a benchmark runs it as deployed.
     */
    static List<String> shippedJvmOptions(String module) {
        if (module.equals("catalog-service")) {
            // Searches allocate fast; a fixed heap and a fixed marking threshold keep G1 from shrinking the
            // heap and from starting a marking cycle (with its remark pause) after every young collection.
            return List.of("-XX:+UseG1GC", "-Xms512m", "-XX:-G1UseAdaptiveIHOP");
        }
        if (module.equals("lineage-service")) {
            // As the catalog, for traversals; and what survives two young collections is promoted, so
            // what the service builds at start leaves the survivor spaces after two young pauses, not
            // fifteen, each copying it.
            return List.of("-XX:+UseG1GC", "-Xms512m", "-XX:-G1UseAdaptiveIHOP", "-XX:MaxTenuringThreshold=2");
        }
        if (module.equals("gateway")
                || module.equals("product-registry-service")
                || module.equals("governance-service")) {
            // The collector the JVM picks under these services' memory limits (512-768 MiB), which their
            // config maps name. Left to itself on a large machine the JVM would pick G1 instead.
            return List.of("-XX:+UseSerialGC");
        }
        return List.of();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        try {
            org.awaitility.Awaitility.await("readiness of " + log.getFileName())
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("service exited; see " + log);
                        }
                        return isReady(client);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("service not ready within " + timeout + "; see " + log, e);
        }
    }

    private boolean isReady(HttpClient client) throws InterruptedException {
        try {
            var response = client.send(
                    HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** CPU time the service's process has used so far (all its threads, user and system), in nanoseconds. */
    long cpuNanos() {
        return process.info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElseThrow(
                        () -> new IllegalStateException("the OS does not report CPU time of " + log.getFileName()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

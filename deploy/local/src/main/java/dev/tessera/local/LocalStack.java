package dev.tessera.local;

import static dev.tessera.local.PlatformService.CATALOG;
import static dev.tessera.local.PlatformService.GATEWAY;
import static dev.tessera.local.PlatformService.GOVERNANCE;
import static dev.tessera.local.PlatformService.LINEAGE;
import static dev.tessera.local.PlatformService.PORTAL;
import static dev.tessera.local.PlatformService.REGISTRY;

import dev.tessera.events.Topics;
import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.KeycloakServer;
import dev.tessera.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: one real PostgreSQL server (a database per service), one real
 * KRaft Kafka broker, and every service in its own process, started in dependency order and each
 * awaited on its readiness endpoint. Closing it stops everything, services first.
 */
public final class LocalStack implements AutoCloseable {

    /** Ports of the run command's infrastructure, away from a developer's own PostgreSQL and Kafka. */
    public static final int POSTGRES_PORT = 15432;

    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final StackOptions options;
    private final Map<PlatformService, ManagedProcess> services = new EnumMap<>(PlatformService.class);
    /** Each service's port, chosen before any starts (the gateway and the portal each need the other's). */
    private final Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private OtlpTraceReceiver traces;
    private KeycloakServer keycloak;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    /** Starts the stack; on failure everything already started is stopped again. */
    public static LocalStack start(StackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Path data = options.dataDir();
        if (options.reset()) {
            deleteRecursively(data);
        }
        for (PlatformService s : options.services()) {
            ports.put(s, options.fixedPorts() ? s.defaultPort() : FreePorts.next());
        }
        if (options.fixedPorts()) {
            List<Integer> wanted = new ArrayList<>(ports.values());
            wanted.addAll(List.of(POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT));
            requireFree(wanted);
        }
        if (options.services().contains(PORTAL) && !options.keycloak()) {
            throw new StackException("the portal signs its users in with Keycloak: start the stack with Keycloak, or"
                    + " without the portal");
        }
        if (options.keycloak() && options.keycloakPort() != 0) {
            KeycloakPort.requireFree(options.keycloakPort());
        }
        long t0 = System.nanoTime();
        options.progress().accept("Starting PostgreSQL ...");
        postgres = options.fixedPorts()
                ? EmbeddedPostgresServer.start(data.resolve("postgres"), POSTGRES_PORT, false)
                : EmbeddedPostgresServer.start(data.resolve("postgres"));
        for (PlatformService s : options.services()) {
            if (s.database() != null) {
                postgres.ensureDatabase(s.database());
            }
        }
        options.progress().accept("  PostgreSQL up on port " + postgres.port() + " " + since(t0));
        options.progress().accept("Starting Kafka (KRaft) ...");
        kafka = options.fixedPorts()
                ? EmbeddedKafka.startPersistent(data.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT)
                : EmbeddedKafka.start(data.resolve("kafka"));
        kafka.createTopics(
                Topics.ALL.stream().collect(Collectors.toMap(Function.identity(), Topics.COMPACTED::contains)), 3);
        options.progress().accept("  Kafka up at " + kafka.bootstrapServers() + " " + since(t0));

        traces = OtlpTraceReceiver.start(0, data.resolve("logs/traces.jsonl"));
        if (options.keycloak()) {
            options.progress().accept("Starting Keycloak (realm tessera) ...");
            keycloak = KeycloakServer.start(
                    Path.of(required(KeycloakServer.DIST_PROPERTY)),
                    Path.of(required(KeycloakServer.REALM_PROPERTY)),
                    data.resolve("keycloak"),
                    Duration.ofMinutes(5),
                    options.keycloakPort());
            options.progress().accept("  Keycloak up at " + keycloak.baseUrl() + " " + since(t0));
        }
        for (PlatformService s : options.services()) {
            services.put(
                    s,
                    ManagedProcess.of(
                            s.label(),
                            options.root().resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar"),
                            ports.get(s),
                            settings(s),
                            // The catalog's read model and reconciliation get the heap its benchmark
                            // (100,000 products) runs in; the other services need less.
                            List.of(
                                    s == CATALOG ? "-Xmx512m" : "-Xmx384m",
                                    "-XX:+UseSerialGC",
                                    "-XX:TieredStopAtLevel=1"),
                            data.resolve("logs")));
        }
        Map<Integer, List<PlatformService>> tiers = options.services().stream()
                .collect(Collectors.groupingBy(PlatformService::tier, java.util.TreeMap::new, Collectors.toList()));
        for (List<PlatformService> tier : tiers.values()) {
            for (PlatformService s : tier) {
                options.progress().accept("Starting " + s.label() + " on port " + ports.get(s) + " ...");
                services.get(s).start();
            }
            for (PlatformService s : tier) {
                services.get(s).awaitReady(READY_TIMEOUT);
                options.progress().accept("  " + s.label() + " ready " + since(t0));
            }
        }
    }

    /** What a service needs to run against this stack's PostgreSQL and Kafka. */
    private Map<String, String> settings(PlatformService s) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (s.database() != null) {
            settings.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(s.database()));
            settings.put("quarkus.datasource.username", postgres.username());
            settings.put("quarkus.datasource.password", postgres.password());
        }
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        switch (s) {
            case CATALOG -> {
                settings.put(
                        "tessera.catalog.index.dir",
                        options.dataDir().resolve("catalog-index").toString());
                // The demo's webhook receiver runs on this machine; nothing else internal is allowed.
                settings.put("tessera.catalog.webhooks.allowed-targets", "127.0.0.1");
                settings.put("tessera.catalog.webhooks.initial-backoff", "1s");
                settings.put("tessera.catalog.webhooks.secret-key", webhookKey());
            }
            case GATEWAY -> {
                for (PlatformService backend : List.of(REGISTRY, GOVERNANCE, LINEAGE, CATALOG, PORTAL)) {
                    if (ports.containsKey(backend)) {
                        settings.put(
                                "tessera.gateway.backends." + backend.gatewayRoute() + ".url",
                                "http://127.0.0.1:" + ports.get(backend));
                    }
                }
            }
            case PORTAL -> {
                settings.put("tessera.portal.gateway-url", "http://127.0.0.1:" + ports.get(GATEWAY));
                // Plain http on this machine: a Secure cookie would not come back over it.
                settings.put("tessera.portal.secure-cookies", "false");
                settings.put("quarkus.oidc.authentication.cookie-force-secure", "false");
                String secret = secret("portal-session.key");
                settings.put("quarkus.oidc.authentication.state-secret", secret);
                settings.put("quarkus.oidc.token-state-manager.encryption-secret", secret);
            }
            default -> {}
        }
        if (keycloak != null) {
            settings.put("quarkus.oidc.auth-server-url", keycloak.realmUrl("tessera"));
            if (s == CATALOG) {
                // Webhook owners' current rights come from this Keycloak (the realm export's demo secret).
                settings.put("tessera.catalog.webhooks.owner-rights.realm-url", keycloak.realmUrl("tessera"));
                settings.put(
                        "tessera.catalog.webhooks.owner-rights.client-secret", "tessera-catalog-demo-secret-change-me");
            }
        } else {
            if (s == CATALOG) {
                // Self-minted tokens name no real account, so webhooks keep the rights captured when subscribing.
                settings.put("tessera.catalog.webhooks.owner-rights.source", "subscription");
            }
            // Tokens are verified with the development signing key (see TestTokens); an empty server
            // URL turns OIDC discovery off.
            settings.putAll(TestTokens.oidcConfig());
            settings.put("quarkus.oidc.auth-server-url", "");
        }
        settings.put("quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint());
        settings.put("quarkus.otel.bsp.schedule.delay", "200ms");
        return settings;
    }

    /**
     * The key that seals webhook secrets in the catalog's database: made once per data directory and
     * kept beside the data (readable by its owner only), so subscriptions survive restarts.
     */
    private String webhookKey() {
        return secret("catalog-webhook.key");
    }

    /**
     * A random key made once per data directory and kept beside the data (readable by its owner only):
     * the catalog seals webhook secrets with one, the portal its session cookies with another.
     */
    private String secret(String name) {
        Path file = options.dataDir().resolve(name);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(
                            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions apply.
                }
            }
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new StackException("could not read or create " + file + ": " + e.getMessage());
        }
    }

    public ManagedProcess service(PlatformService s) {
        ManagedProcess p = services.get(s);
        if (p == null) {
            throw new IllegalArgumentException(s + " is not part of this stack");
        }
        return p;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The stack's Keycloak, or null when services trust the development key. */
    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** Spans every service exported, also in {@code logs/traces.jsonl}. */
    public OtlpTraceReceiver traces() {
        return traces;
    }

    public StackOptions options() {
        return options;
    }

    /** Resident memory of each running process in MiB (Linux), for the start-up report. */
    public Map<String, Long> residentMemoryMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put(
                "launcher (with the Kafka broker)",
                rssMiB(ProcessHandle.current().pid()));
        services.forEach((s, p) -> rss.put(s.label(), rssMiB(p.pid())));
        return rss;
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        List<ManagedProcess> running = services.entrySet().stream()
                .sorted(Map.Entry.<PlatformService, ManagedProcess>comparingByKey(
                                Comparator.comparingInt(PlatformService::tier))
                        .reversed())
                .map(Map.Entry::getValue)
                .toList();
        for (ManagedProcess p : running) {
            p.close();
        }
        if (traces != null) {
            traces.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new StackException("system property " + property + " is not set; start the stack with the run"
                    + " command from the README, which sets it.");
        }
        return value;
    }

    private static void requireFree(List<Integer> ports) {
        Map<Integer, String> busy = new HashMap<>();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                busy.put(port, e.getMessage());
            }
        }
        if (!busy.isEmpty()) {
            throw new StackException("port(s) " + busy.keySet() + " are in use. Stop whatever listens there"
                    + " (`ss -ltnp | grep <port>`), or a previous stack that is still running.");
        }
    }

    private static String since(long t0) {
        return String.format("(%.1f s)", (System.nanoTime() - t0) / 1e9);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}

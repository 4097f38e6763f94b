package dev.tessera.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts the whole platform, seeds the demo estate on first start, prints where
 * everything is, and stops everything on Ctrl-C. Flags: {@code --reset} wipes the data directory first;
 * {@code --no-seed} skips the demo estate.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        boolean reset = false;
        boolean seed = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--reset" -> reset = true;
                case "--no-seed" -> seed = false;
                default -> {
                    System.err.println("Unknown option " + args[i] + ". Options: --reset, --no-seed.");
                    System.exit(2);
                }
            }
        }
        if (Runtime.version().feature() < 21) {
            System.err.println("Tessera needs a JDK 21 or newer; this is " + Runtime.version() + ".");
            System.exit(1);
        }
        root = root.toAbsolutePath().normalize();
        long t0 = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(StackOptions.runCommand(root, reset, System.out::println));
        } catch (StackException e) {
            System.err.println();
            System.err.println("Tessera did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        DemoWebhookReceiver webhooks;
        try {
            webhooks = DemoWebhookReceiver.start(
                    DemoWebhookReceiver.PORT, stack.options().dataDir().resolve("logs/webhooks.jsonl"));
        } catch (StackException e) {
            stack.close();
            System.err.println("Tessera did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Tessera ...");
            webhooks.close();
            stack.close();
            stopped.countDown();
        }));
        Path seededMarker = stack.options().dataDir().resolve("demo-seeded");
        if (seed && !Files.exists(seededMarker)) {
            System.out.println("Seeding the demo estate ...");
            new DemoSeed(stack, webhooks.url()).run();
            Files.writeString(seededMarker, "seeded\n");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        printSummary(stack, took);
        stopped.await();
    }

    private static void printSummary(LocalStack stack, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append("\nTessera is running (started in ")
                .append(String.format("%.1f", took.toMillis() / 1000.0))
                .append(" s). Ctrl-C stops everything.\n\n");
        if (stack.options().services().contains(PlatformService.PORTAL)) {
            out.append(String.format(
                    "  Portal:     http://localhost:%d/   (sign in as carl-consumer / tessera-demo)%n%n",
                    stack.service(PlatformService.GATEWAY).port()));
        }
        for (PlatformService s : stack.options().services()) {
            ManagedProcess p = stack.service(s);
            if (s == PlatformService.PORTAL) {
                out.append(String.format(
                        "  %-11s http://localhost:%d (browsers use the gateway's /)   log: %s%n",
                        s.label(), p.port(), p.log()));
                continue;
            }
            out.append(String.format(
                    "  %-11s http://localhost:%d   Swagger UI: http://localhost:%d/q/swagger-ui   log: %s%n",
                    s.label(), p.port(), p.port(), p.log()));
        }
        out.append(String.format(
                "  %-11s localhost:%d (user %s)%n",
                "postgresql", stack.postgres().port(), stack.postgres().username()));
        out.append(String.format("  %-11s %s%n", "kafka", stack.kafka().bootstrapServers()));
        out.append(String.format(
                "  %-11s %s (OTLP/HTTP), spans in %s%n",
                "traces", stack.traces().endpoint(), stack.options().dataDir().resolve("logs/traces.jsonl")));
        out.append(String.format(
                "  %-11s http://127.0.0.1:%d/hook (demo subscriber), deliveries in %s%n",
                "webhooks", DemoWebhookReceiver.PORT, stack.options().dataDir().resolve("logs/webhooks.jsonl")));
        out.append("\n  Data: ").append(stack.options().dataDir()).append(" (--reset starts from scratch)\n");
        if (stack.keycloak() != null) {
            out.append(String.format(
                    "  %-11s %s (realm tessera, admin console %s/admin as %s / %s, made for this start)%n",
                    "keycloak",
                    stack.keycloak().realmUrl("tessera"),
                    stack.keycloak().baseUrl(),
                    dev.tessera.testkit.KeycloakServer.ADMIN_USER,
                    stack.keycloak().adminPassword()));
            out.append("\n  Demo users (password tessera-demo, demo only): alice-admin, gina-governance, dora-retail,"
                    + " hank-health, carl-consumer. A token:\n");
            out.append(
                    "    export TOKEN=$(curl -s -d grant_type=password -d client_id=tessera-cli -d username=dora-retail"
                            + " -d password=tessera-demo " + stack.keycloak().realmUrl("tessera")
                            + "/protocol/openid-connect/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n");
            out.append("    curl localhost:8080/api/catalog/v1/search?q=orders -H \"Authorization: Bearer $TOKEN\"\n");
        } else {
            out.append("\n  Demo tokens (development signing key; valid 1 hour):\n");
            DemoSeed.demoTokens().forEach((who, token) -> out.append("    ")
                    .append(who)
                    .append(": export TOKEN=")
                    .append(token)
                    .append('\n'));
        }
        out.append("\n  Memory (resident, MiB):\n");
        for (Map.Entry<String, Long> e : stack.residentMemoryMiB().entrySet()) {
            out.append(String.format("    %-40s %d%n", e.getKey(), e.getValue()));
        }
        System.out.println(out);
    }
}

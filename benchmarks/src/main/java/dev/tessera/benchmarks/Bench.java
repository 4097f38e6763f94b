package dev.tessera.benchmarks;

import java.nio.file.Path;

/**
 * Entry point of {@code ./mvnw -Pbench -pl benchmarks -am verify -DskipTests -Dbench=NAME}. Each
 * scenario prints a table of Tessera's figures beside floors measured in the same run.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "registry";
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        switch (scenario) {
            case "registry" -> new RegistryWriteBenchmark(root).run();
            case "governance" -> new GovernanceEvaluationBenchmark().run();
            case "lineage" -> new LineageBenchmark(root).run();
            case "catalog" -> new CatalogBenchmark(root).run();
            case "gateway" -> new GatewayBenchmark(root).run();
            case "quality" -> new QualityBenchmark(root).run();
            case "usage" -> new UsageBenchmark(root).run();
            case "portal" -> new PortalBenchmark(root).run();
            case "cli" -> new CliBenchmark(root).run();
            default -> {
                System.err.println("Unknown benchmark '" + scenario
                        + "'. Known: registry, governance, lineage, catalog, gateway, quality, usage, portal, cli");
                System.exit(2);
            }
        }
        // Embedded servers run non-daemon threads; the benchmark is over.
        System.exit(0);
    }
}

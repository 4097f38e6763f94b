package dev.tessera.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import dev.tessera.governance.policy.engine.CelPolicyCompiler;
import dev.tessera.governance.policy.engine.ExecutablePolicy;
import dev.tessera.governance.policy.engine.PolicyEvaluator;
import dev.tessera.governance.policy.engine.PolicyResult;
import dev.tessera.governance.policy.engine.PolicySeverity;
import dev.tessera.governance.policy.engine.PolicyTarget;
import dev.tessera.governance.policy.engine.PolicyVariable;
import dev.tessera.governance.policy.engine.ProductContext;
import dev.tessera.governance.policy.engine.Scoring;
import dev.tessera.governance.policy.service.PolicyDefinition;
import dev.tessera.governance.policy.service.StarterPack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Re-evaluating the whole estate after a policy change: 50 policies (the starter pack plus generated
 * ones over every target) against 10,000 generated products, through governance's evaluator (JSON to
 * CEL values, one run per port or schema property, evidence, scoring) beside a bare loop that runs the
 * same compiled CEL programs over activations built before the clock starts. Both use the same number
 * of threads, one per core.
 *
 * <p>The goal is stated for 2 cores, so the benchmark runs itself, evaluator and floor alike, in a
 * JVM of its own that sees 2 processors ({@code -XX:ActiveProcessorCount}, which also sizes the
 * collector's and the compiler's threads) and, where the machine has more, is bound to 2 of them
 * ({@code taskset}). {@code -Dbench.governance.cores=N} changes the number.
 */
final class GovernanceEvaluationBenchmark {

    private static final int PRODUCTS = Integer.getInteger("bench.products", 10_000);
    private static final int POLICIES = Integer.getInteger("bench.policies", 50);
    private static final int THREADS =
            Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int CORES = Integer.getInteger("bench.governance.cores", 2);
    /** Set in the pinned JVM, which runs the measurement itself. */
    private static final String PINNED = "bench.governance.pinned";

    void run() throws Exception {
        if (!Boolean.getBoolean(PINNED)) {
            runPinned();
            return;
        }
        measure();
    }

    /** Runs this benchmark again in a JVM that sees {@link #CORES} processors and is bound to as many. */
    private static void runPinned() throws Exception {
        List<String> command = new ArrayList<>();
        int machine = Runtime.getRuntime().availableProcessors();
        boolean bind = machine > CORES && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/taskset"));
        if (bind) {
            command.addAll(List.of("/usr/bin/taskset", "-c", "0-" + (CORES - 1)));
        }
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
        command.add("-XX:ActiveProcessorCount=" + CORES);
        command.add("-Xmx2g");
        command.add("-D" + PINNED + "=true");
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("bench.") || name.equals("java.util.logging.manager")) {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(), "governance"));
        System.out.printf(
                "Governance runs in a JVM with -XX:ActiveProcessorCount=%d%s (this machine: %d processors)%n",
                CORES, bind ? ", bound to CPUs 0-" + (CORES - 1) : "", machine);
        Process child = new ProcessBuilder(command).inheritIO().start();
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the pinned governance run exited with " + exit);
        }
    }

    private void measure() throws Exception {
        CelPolicyCompiler compiler = new CelPolicyCompiler();
        List<ExecutablePolicy> policies = policies(compiler);
        List<ProductContext> estate = estate();
        List<Prepared> prepared =
                estate.stream().map(GovernanceEvaluationBenchmark::prepare).toList();
        PolicyEvaluator evaluator = new PolicyEvaluator();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // Warm up both paths so the JIT has compiled them before anything is timed.
            timeTessera(pool, evaluator, policies, estate);
            timeFloor(pool, policies, prepared);
            double tessera = Double.MAX_VALUE;
            double floor = Double.MAX_VALUE;
            for (int i = 0; i < ROUNDS; i++) {
                tessera = Math.min(tessera, timeTessera(pool, evaluator, policies, estate));
                floor = Math.min(floor, timeFloor(pool, policies, prepared));
            }
            double evaluations = (double) PRODUCTS * policies.size();
            ResultTable table = new ResultTable("governance: " + policies.size() + " policies x " + PRODUCTS
                    + " products, " + THREADS + " threads on "
                    + Runtime.getRuntime().availableProcessors()
                    + " processors, best of " + ROUNDS);
            table.add("policy evaluations/s", evaluations / tessera, evaluations / floor, "/s", "report");
            table.goal(
                    "whole-estate re-evaluation",
                    tessera,
                    floor,
                    "s",
                    "< 2 s on 2 cores",
                    tessera < 2 && Runtime.getRuntime().availableProcessors() <= 2);
            table.print();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seconds for governance's evaluator to evaluate and score every product. */
    private static double timeTessera(
            ExecutorService pool,
            PolicyEvaluator evaluator,
            List<ExecutablePolicy> policies,
            List<ProductContext> estate)
            throws Exception {
        LongAdder blocking = new LongAdder();
        long start = System.nanoTime();
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int part = t;
            parts.add(pool.submit(() -> {
                for (int i = part; i < estate.size(); i += THREADS) {
                    List<PolicyResult> results = evaluator.evaluateAll(policies, estate.get(i));
                    blocking.add(Scoring.of(results).blockingFailures());
                }
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds for a bare loop to run the same programs over ready-made activations. */
    private static double timeFloor(ExecutorService pool, List<ExecutablePolicy> policies, List<Prepared> prepared)
            throws Exception {
        LongAdder passes = new LongAdder();
        long start = System.nanoTime();
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int part = t;
            parts.add(pool.submit(() -> {
                for (int i = part; i < prepared.size(); i += THREADS) {
                    Prepared p = prepared.get(i);
                    for (ExecutablePolicy policy : policies) {
                        List<Map<String, Object>> runs =
                                switch (policy.target()) {
                                    case PRODUCT -> List.of(p.base);
                                    case OUTPUT_PORT -> p.ports;
                                    case SCHEMA_PROPERTY -> p.properties;
                                };
                        for (Map<String, Object> activation : runs) {
                            try {
                                if (Boolean.TRUE.equals(
                                        policy.expression().program().eval(activation))) {
                                    passes.increment();
                                }
                            } catch (CelEvaluationException e) {
                                // Counted as not passing, as the evaluator does.
                            }
                        }
                    }
                }
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<ExecutablePolicy> policies(CelPolicyCompiler compiler) throws Exception {
        List<ExecutablePolicy> policies = new ArrayList<>();
        for (PolicyDefinition r : StarterPack.read()) {
            policies.add(new ExecutablePolicy(
                    r.id(),
                    1,
                    r.name(),
                    PolicySeverity.valueOf(r.severity()),
                    r.weight(),
                    PolicyTarget.valueOf(r.target()),
                    r.remediation(),
                    compiler.compile(r.expression())));
        }
        String[][] templates = {
            {"PRODUCT", "has(product.description) && size(product.description.purpose) >= %d"},
            {"PRODUCT", "has(product.tags) && size(product.tags) >= %d %% 3"},
            {"OUTPUT_PORT", "port.name.size() <= %d + 20"},
            {"OUTPUT_PORT", "has(port.contract) && port.contract.schema.all(o, size(o.properties) <= %d + 5)"},
            {"SCHEMA_PROPERTY", "has(property.logicalType) && property.name.size() < %d + 30"},
            {"SCHEMA_PROPERTY", "!has(property.required) || property.required || %d < 0"},
        };
        for (int i = 0; policies.size() < POLICIES; i++) {
            String[] t = templates[i % templates.length];
            policies.add(new ExecutablePolicy(
                    "generated-" + i,
                    1,
                    "generated " + i,
                    i % 4 == 0 ? PolicySeverity.BLOCKING : PolicySeverity.WARNING,
                    1 + i % 5,
                    PolicyTarget.valueOf(t[0]),
                    "fix generated " + i,
                    compiler.compile(t[1].formatted(i))));
        }
        return policies;
    }

    /** Seeded, so every run sees the same estate: 1-3 ports, 3-10 properties each, some gaps. */
    private static List<ProductContext> estate() {
        Random random = new Random(42);
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<ProductContext> estate = new ArrayList<>(PRODUCTS);
        Instant now = Instant.now();
        for (int i = 0; i < PRODUCTS; i++) {
            ObjectNode d = f.objectNode();
            d.put("id", "product-" + i);
            d.put("version", "1." + (i % 7) + ".0");
            d.put("domain", "domain-" + (i % 40));
            ObjectNode description = d.putObject("description");
            description.put("purpose", "Purpose of product " + i + " ".repeat(random.nextInt(60)));
            if (random.nextBoolean()) {
                description.put("usage", "Internal use");
            }
            if (random.nextInt(10) > 0) {
                ObjectNode team = d.putObject("team");
                team.putArray("members").addObject().put("username", "u" + i).put("role", "owner");
                d.putArray("support").addObject().put("channel", "#d" + (i % 40));
            }
            d.putArray("tags").add("t" + (i % 5));
            ArrayNode ports = d.putArray("outputPorts");
            for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
                ObjectNode port = ports.addObject();
                port.put("name", random.nextInt(20) == 0 ? "Port_" + p : "port-" + p);
                port.put("version", "1.0.0");
                ObjectNode contract = port.putObject("contract");
                contract.put("id", "c-" + i + "-" + p);
                if (random.nextBoolean()) {
                    contract.putArray("slaProperties")
                            .addObject()
                            .put("property", "availability")
                            .put("value", 0.99);
                }
                ArrayNode properties = contract.putArray("schema")
                        .addObject()
                        .put("name", "t" + p)
                        .putArray("properties");
                for (int q = 0, m = 3 + random.nextInt(8); q < m; q++) {
                    ObjectNode prop = properties.addObject();
                    prop.put("name", "column_" + q);
                    prop.put("logicalType", q % 2 == 0 ? "string" : "integer");
                    prop.put("required", random.nextBoolean());
                    if (q == 0 && random.nextBoolean()) {
                        prop.putArray("tags").add("pii");
                        if (random.nextInt(5) > 0) {
                            prop.put("classification", "restricted");
                        }
                    }
                }
            }
            estate.add(ProductContext.at(now)
                    .with(PolicyVariable.PRODUCT, d)
                    .with(PolicyVariable.FINDINGS, f.arrayNode())
                    .with(PolicyVariable.CONSUMERS, f.arrayNode()));
        }
        return estate;
    }

    /** Activations the bare loop runs on, built before timing. */
    private record Prepared(
            Map<String, Object> base, List<Map<String, Object>> ports, List<Map<String, Object>> properties) {}

    private static Prepared prepare(ProductContext c) {
        // Every variable bound as the evaluator binds it, so the floor runs the same programs on the same values.
        Map<String, Object> base = PolicyVariable.activation(c);
        List<Map<String, Object>> ports = new ArrayList<>();
        List<Map<String, Object>> properties = new ArrayList<>();
        for (JsonNode port : c.value(PolicyVariable.PRODUCT).path("outputPorts")) {
            Map<String, Object> withPort = PolicyVariable.withItem(base, PolicyVariable.PORT, port);
            ports.add(withPort);
            for (JsonNode object : port.path("contract").path("schema")) {
                for (JsonNode property : object.path("properties")) {
                    properties.add(PolicyVariable.withItem(withPort, PolicyVariable.PROPERTY, property));
                }
            }
        }
        return new Prepared(base, ports, properties);
    }
}

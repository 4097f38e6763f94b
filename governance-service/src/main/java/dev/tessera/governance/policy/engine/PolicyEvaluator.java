package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs compiled policies against one product. A policy that errors, goes over its run-time budget
 * ({@link PolicyLimits}), or whose expression yields something other than a boolean, is ERROR:
 * nothing the evaluator cannot prove counts as a pass, and no policy can stop the others.
 *
 * <p>Stateless and thread-safe. The product is turned into CEL values once per call to
 * {@link #evaluateAll}, whatever the number of policies.
 */
public final class PolicyEvaluator {

    /** How many failing ports or properties an outcome names before it only counts the rest. */
    private static final int MAX_NAMED_ITEMS = 10;

    /** Longest failure sentence kept: it travels in events and becomes a version's status reason. */
    private static final int MAX_MESSAGE_TEXT = 4_000;

    /** Evaluates every policy; the results keep the order of the policies. */
    public List<PolicyResult> evaluateAll(List<ExecutablePolicy> policies, ProductContext context) {
        Bindings bindings = Bindings.of(context);
        List<PolicyResult> results = new ArrayList<>(policies.size());
        for (ExecutablePolicy policy : policies) {
            results.add(evaluate(policy, bindings));
        }
        return results;
    }

    /** Evaluates one policy. */
    public PolicyResult evaluate(ExecutablePolicy policy, ProductContext context) {
        return evaluate(policy, Bindings.of(context));
    }

    private PolicyResult evaluate(ExecutablePolicy policy, Bindings bindings) {
        if (policy.expression() == null) {
            // A stored expression the current CEL no longer accepts: say so on every product, never pass.
            return result(policy, Outcome.ERROR, "the policy's expression does not compile any more", null);
        }
        return switch (policy.target()) {
            case PRODUCT -> {
                Run run = explained(policy, run(policy, bindings.base), bindings.base);
                yield result(policy, run.outcome, run.message, evidence(policy, bindings, null, null));
            }
            case OUTPUT_PORT -> overItems(policy, bindings, bindings.ports);
            case SCHEMA_PROPERTY -> overItems(policy, bindings, bindings.properties);
        };
    }

    private PolicyResult overItems(ExecutablePolicy policy, Bindings bindings, List<Item> items) {
        if (items.isEmpty()) {
            return result(policy, Outcome.NOT_APPLICABLE, "the product has nothing this policy targets", null);
        }
        List<String> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        for (Item item : items) {
            Run run = run(policy, item.activation);
            if (run.outcome == Outcome.PASS) {
                continue;
            }
            if (run.outcome == Outcome.ERROR) {
                errors.add(item.label + " (" + run.message + ")");
            } else {
                failed.add(
                        policy.message() == null ? item.label : item.label + ": " + failure(policy, item.activation));
            }
            if (evidence.size() < MAX_NAMED_ITEMS) {
                evidence.set(item.label, evidence(policy, bindings, item.portJson, item.propertyJson));
            }
        }
        if (!errors.isEmpty()) {
            return result(policy, Outcome.ERROR, "the expression errored on " + named(errors), evidence);
        }
        if (!failed.isEmpty()) {
            String message =
                    policy.message() == null ? policy.generatedFailure() + " on " + named(failed) : named(failed, "; ");
            return result(policy, Outcome.FAIL, message, evidence);
        }
        return result(policy, Outcome.PASS, null, evidence);
    }

    private static Run run(ExecutablePolicy policy, Map<String, Object> activation) {
        CompiledExpression expression = policy.expression();
        try {
            // Each run carries its own budget: it stops the run once it reads or builds too much.
            Object value =
                    expression.program().trace(activation, expression.costPlan().newRun());
            if (value instanceof Boolean b) {
                return new Run(b ? Outcome.PASS : Outcome.FAIL, null);
            }
            return new Run(Outcome.ERROR, "the expression yielded " + value + ", not a boolean");
        } catch (CelEvaluationException | RuntimeException e) {
            PolicyBudgetExceeded overrun = overrun(e);
            if (overrun != null) {
                return new Run(Outcome.ERROR, overrun.getMessage());
            }
            if (e instanceof CelEvaluationException) {
                return new Run(Outcome.ERROR, e.getMessage());
            }
            // A defect in an extension function must not turn into a pass or stop the other policies.
            return new Run(Outcome.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A failed run with the sentence that explains it; any other run as it is. */
    private static Run explained(ExecutablePolicy policy, Run run, Map<String, Object> activation) {
        return run.outcome == Outcome.FAIL ? new Run(Outcome.FAIL, failure(policy, activation)) : run;
    }

    /**
     * The policy's failure message evaluated over the activation that failed, under the same kind of
     * budget as the expression. A message that errors, overruns or yields nothing falls back to the
     * generated sentence: a broken message never hides the failure it was meant to explain.
     */
    private static String failure(ExecutablePolicy policy, Map<String, Object> activation) {
        CompiledExpression message = policy.message();
        if (message == null) {
            return policy.generatedFailure();
        }
        try {
            Object value =
                    message.program().trace(activation, message.costPlan().newRun());
            if (value instanceof String text && !text.isBlank()) {
                String sentence = text.strip();
                return sentence.length() <= MAX_MESSAGE_TEXT
                        ? sentence
                        : sentence.substring(0, MAX_MESSAGE_TEXT) + "...";
            }
        } catch (CelEvaluationException | RuntimeException e) {
            // Fall through to the generated sentence.
        }
        return policy.generatedFailure();
    }

    /** The budget overrun behind an evaluation failure, however cel-java wrapped it; null if there is none. */
    private static PolicyBudgetExceeded overrun(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PolicyBudgetExceeded b) {
                return b;
            }
        }
        return null;
    }

    private static PolicyResult result(ExecutablePolicy policy, Outcome outcome, String message, ObjectNode evidence) {
        return new PolicyResult(
                policy.id(),
                policy.version(),
                policy.name(),
                policy.severity(),
                policy.weight(),
                outcome,
                message,
                outcome == Outcome.FAIL || outcome == Outcome.ERROR ? policy.remediation() : null,
                evidence == null ? JsonNodeFactory.instance.objectNode() : evidence);
    }

    private static String named(List<String> items) {
        return named(items, ", ");
    }

    private static String named(List<String> items, String separator) {
        if (items.size() <= MAX_NAMED_ITEMS) {
            return String.join(separator, items);
        }
        return String.join(separator, items.subList(0, MAX_NAMED_ITEMS)) + " and " + (items.size() - MAX_NAMED_ITEMS)
                + " more";
    }

    private static ObjectNode evidence(ExecutablePolicy policy, Bindings bindings, JsonNode port, JsonNode property) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        for (String path : policy.expression().evidencePaths()) {
            int dot = path.indexOf('.');
            PolicyVariable variable = PolicyVariable.named(dot < 0 ? path : path.substring(0, dot))
                    .orElse(null);
            if (variable == null) {
                continue;
            }
            JsonNode root =
                    switch (variable.binding()) {
                        case ITEM -> variable == PolicyVariable.PORT ? port : property;
                        case CLOCK -> null;
                        case STATE, SOURCE -> bindings.context.value(variable);
                    };
            if (root != null) {
                variable.explain(path, root, evidence);
            }
        }
        return evidence;
    }

    private record Run(Outcome outcome, String message) {}

    /** One port, or one property of a port's contract, with its label for messages. */
    private record Item(String label, Map<String, Object> activation, JsonNode portJson, JsonNode propertyJson) {}

    /** The product converted once into CEL values, with its ports and properties listed. */
    private record Bindings(ProductContext context, Map<String, Object> base, List<Item> ports, List<Item> properties) {

        static Bindings of(ProductContext context) {
            Map<String, Object> base = PolicyVariable.activation(context);
            List<Item> ports = new ArrayList<>();
            List<Item> properties = new ArrayList<>();
            JsonNode descriptor = context.value(PolicyVariable.PRODUCT);
            JsonNode outputPorts = descriptor == null ? null : descriptor.get("outputPorts");
            if (outputPorts != null && outputPorts.isArray()) {
                for (JsonNode port : outputPorts) {
                    String portLabel = port.path("name").asText("?") + "@"
                            + port.path("version").asText("?");
                    // Activations are built once per product and shared by every policy that runs on them.
                    Map<String, Object> withPort = PolicyVariable.withItem(base, PolicyVariable.PORT, port);
                    ports.add(new Item(portLabel, withPort, port, null));
                    for (JsonNode schemaObject : port.path("contract").path("schema")) {
                        collectProperties(
                                portLabel + "/" + schemaObject.path("name").asText("?"),
                                schemaObject.path("properties"),
                                port,
                                withPort,
                                properties);
                    }
                }
            }
            return new Bindings(context, base, ports, properties);
        }

        private static void collectProperties(
                String prefix, JsonNode props, JsonNode port, Map<String, Object> withPort, List<Item> into) {
            if (!props.isArray()) {
                return;
            }
            for (JsonNode property : props) {
                String label = prefix + "." + property.path("name").asText("?");
                Map<String, Object> withProperty = PolicyVariable.withItem(withPort, PolicyVariable.PROPERTY, property);
                into.add(new Item(label, withProperty, port, property));
                collectProperties(label, property.path("properties"), port, withPort, into);
                collectProperties(label, property.path("items").path("properties"), port, withPort, into);
            }
        }
    }
}

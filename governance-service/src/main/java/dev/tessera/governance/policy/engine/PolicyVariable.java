package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a policy's expression and its message may read, each with everything the engine
 * knows of it: its name and CEL type (declared to the compiler), how its value is bound for a
 * product ({@link Binding}), how that value becomes a CEL value, and what an outcome reports as
 * evidence when an expression reads it.
 *
 * <p>Adding a variable is a constant here and, for a {@link Binding#SOURCE} variable, one source
 * bean that builds its value for a product; the compiler, the evaluator, the evidence and the
 * benchmark take every variable from this list. docs/governance.md lists them for policy authors,
 * and a test fails when a variable is declared here but not wired or not documented.
 */
public enum PolicyVariable {

    /** The head version's descriptor (ODPS with inline ODCS contracts). */
    PRODUCT("product", SimpleType.DYN, Binding.STATE) {
        @Override
        public JsonNode fromState(JsonNode state) {
            JsonNode descriptor = state.get("descriptor");
            return descriptor == null ? NullNode.getInstance() : descriptor;
        }
    },

    /** The output port a policy with target OUTPUT_PORT (or SCHEMA_PROPERTY) runs on; null otherwise. */
    PORT("port", SimpleType.DYN, Binding.ITEM),

    /** The contract property a SCHEMA_PROPERTY policy runs on; null otherwise. */
    PROPERTY("property", SimpleType.DYN, Binding.ITEM),

    /** The registry's breaking-change findings of the head version against the latest published one. */
    FINDINGS("findings", ListType.create(SimpleType.DYN), Binding.STATE) {
        @Override
        public JsonNode fromState(JsonNode state) {
            return state.path("findings");
        }

        @Override
        Object toCel(JsonNode value) {
            return CelValues.listOf(value);
        }

        @Override
        boolean evidenceIsWholeValue() {
            return true;
        }
    },

    /** The latest published descriptor, null before the first publication. */
    PREVIOUS("previous", SimpleType.DYN, Binding.STATE) {
        @Override
        public JsonNode fromState(JsonNode state) {
            return state.get("publishedDescriptor");
        }
    },

    /** The products downstream of this one, from lineage. */
    CONSUMERS("consumers", ListType.create(SimpleType.DYN), Binding.SOURCE) {
        @Override
        JsonNode absent() {
            return JsonNodeFactory.instance.arrayNode();
        }

        @Override
        Object toCel(JsonNode value) {
            return CelValues.listOf(value);
        }

        @Override
        boolean evidenceIsWholeValue() {
            return true;
        }
    },

    /** The product's quality, as governance decided it from lineage's observations and pushed results. */
    QUALITY("quality", SimpleType.DYN, Binding.SOURCE) {
        private static final String FAILING_CHECKS = "failingChecks";

        @Override
        JsonNode absent() {
            ObjectNode unknown = JsonNodeFactory.instance.objectNode();
            unknown.put("status", "UNKNOWN");
            unknown.putNull("lastCheckedAt");
            unknown.putNull("lastPassedAt");
            unknown.putObject("ports");
            unknown.putArray(FAILING_CHECKS);
            return unknown;
        }

        @Override
        Object toCel(JsonNode value) {
            return CelValues.withTimes(value, CelValues.QUALITY_TIMES);
        }

        @Override
        void explain(String path, JsonNode value, ObjectNode evidence) {
            super.explain(path, value, evidence);
            // Whatever a policy reads of quality, the checks failing now are what explains its outcome.
            String failing = celName() + "." + FAILING_CHECKS;
            if (!evidence.has(failing)) {
                evidence.set(failing, Evidence.summary(value.get(FAILING_CHECKS)));
            }
        }
    },

    /** Who uses the product and how much, from lineage's latest usage record; see {@link UsageValue}. */
    USAGE("usage", SimpleType.DYN, Binding.SOURCE) {
        @Override
        JsonNode absent() {
            return UsageValue.none();
        }

        @Override
        Object toCel(JsonNode value) {
            return CelValues.withTimes(value, UsageValue.TIMES);
        }

        @Override
        void explain(String path, JsonNode value, ObjectNode evidence) {
            super.explain(path, value, evidence);
            UsageValue.explain(path, value, evidence);
        }
    },

    /** The time of the evaluation. */
    NOW("now", SimpleType.TIMESTAMP, Binding.CLOCK);

    /** Where a variable's value comes from when a product is evaluated. */
    public enum Binding {
        /** From the product's state as the registry last announced it. */
        STATE,
        /** Per item: the evaluator binds each port or property in turn, null for the product as a whole. */
        ITEM,
        /** The evaluation's time. */
        CLOCK,
        /** Built for the product by a source outside the engine (a bean of the service). */
        SOURCE
    }

    private final String celName;
    private final CelType type;
    private final Binding binding;

    PolicyVariable(String celName, CelType type, Binding binding) {
        this.celName = celName;
        this.type = type;
        this.binding = binding;
    }

    /** The name expressions use. */
    public String celName() {
        return celName;
    }

    /** The type the compiler checks expressions against. */
    public CelType type() {
        return type;
    }

    public Binding binding() {
        return binding;
    }

    /** The variable an expression names, if it is one. */
    public static Optional<PolicyVariable> named(String name) {
        return Arrays.stream(values()).filter(v -> v.celName.equals(name)).findFirst();
    }

    /** The names of every variable, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(PolicyVariable::celName).toList();
    }

    /** Variables whose whole value is the evidence when an expression reads them (lists, summarised). */
    static Set<String> wholeValueEvidence() {
        Set<String> names = new java.util.HashSet<>();
        for (PolicyVariable v : values()) {
            if (v.evidenceIsWholeValue()) {
                names.add(v.celName);
            }
        }
        return Set.copyOf(names);
    }

    /**
     * The variable's value read from a product's state payload (a {@code ProductStateV1} as JSON);
     * only {@link Binding#STATE} variables have one.
     */
    public JsonNode fromState(JsonNode state) {
        throw new UnsupportedOperationException(celName + " is not bound from the product's state");
    }

    /** What a {@link Binding#SOURCE} variable holds when its source knows nothing of the product. */
    JsonNode absent() {
        return NullNode.getInstance();
    }

    /** The CEL value of the variable's JSON value. */
    Object toCel(JsonNode value) {
        return CelValues.of(value);
    }

    /** Whether reading the variable at all (not a field of it) reports its whole value as evidence. */
    boolean evidenceIsWholeValue() {
        return false;
    }

    /**
     * Adds what an expression that read {@code path} (rooted at this variable) should report: by
     * default the value at that path, summarised.
     *
     * @param value the variable's value, never null
     */
    void explain(String path, JsonNode value, ObjectNode evidence) {
        String[] parts = path.split("\\.");
        JsonNode at = value;
        for (int i = 1; i < parts.length && at != null; i++) {
            at = at.get(parts[i]);
        }
        evidence.set(path, Evidence.summary(at));
    }

    /**
     * Every variable's CEL value for one product as a whole: what an expression with target PRODUCT
     * runs on, and the base the evaluator adds each port or property to. {@link Binding#ITEM}
     * variables are null here.
     */
    public static Map<String, Object> activation(ProductContext context) {
        Map<String, Object> activation = new HashMap<>();
        for (PolicyVariable v : values()) {
            activation.put(
                    v.celName,
                    switch (v.binding) {
                        case ITEM -> NullValue.NULL_VALUE;
                        case CLOCK -> timestamp(context.now());
                        case STATE, SOURCE -> v.toCel(context.value(v));
                    });
        }
        return activation;
    }

    /** An activation for one item (a port or a property) on top of the product's. */
    public static Map<String, Object> withItem(Map<String, Object> base, PolicyVariable item, JsonNode value) {
        if (item.binding != Binding.ITEM) {
            throw new IllegalArgumentException(item.celName + " is not bound per item");
        }
        Map<String, Object> activation = new HashMap<>(base);
        activation.put(item.celName, item.toCel(value));
        return activation;
    }

    private static Timestamp timestamp(Instant now) {
        Instant at = now == null ? Instant.now() : now;
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}

package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything an expression may see about one product: the JSON value of each variable bound from
 * the product's state or by a source ({@link PolicyVariable.Binding#STATE}, {@link
 * PolicyVariable.Binding#SOURCE}), and the evaluation's time. Immutable; {@link #with} returns a copy.
 *
 * @param values the variables' values; a variable left out is null, or for a SOURCE variable what it
 *     holds when nothing is known of the product (an UNKNOWN quality, no consumers)
 * @param now the evaluation time, bound as {@code now}
 */
public record ProductContext(Map<PolicyVariable, JsonNode> values, Instant now) {

    public ProductContext {
        EnumMap<PolicyVariable, JsonNode> copy = new EnumMap<>(PolicyVariable.class);
        copy.putAll(values);
        for (PolicyVariable v : copy.keySet()) {
            requireBoundPerProduct(v);
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** A product nothing is known of yet, evaluated at {@code now}. */
    public static ProductContext at(Instant now) {
        return new ProductContext(Map.of(), now);
    }

    /** This context with one variable's value set; a null value leaves it unset. */
    public ProductContext with(PolicyVariable variable, JsonNode value) {
        requireBoundPerProduct(variable);
        EnumMap<PolicyVariable, JsonNode> copy = new EnumMap<>(PolicyVariable.class);
        copy.putAll(values);
        if (value == null) {
            copy.remove(variable);
        } else {
            copy.put(variable, value);
        }
        return new ProductContext(copy, now);
    }

    /** The variable's value: as set, else null, or what a SOURCE variable holds when nothing is known. */
    public JsonNode value(PolicyVariable variable) {
        JsonNode value = values.get(variable);
        if (value == null && variable.binding() == PolicyVariable.Binding.SOURCE) {
            return variable.absent();
        }
        return value;
    }

    private static void requireBoundPerProduct(PolicyVariable v) {
        if (v.binding() != PolicyVariable.Binding.STATE && v.binding() != PolicyVariable.Binding.SOURCE) {
            throw new IllegalArgumentException(v.celName() + " is bound by the evaluator, not per product");
        }
    }
}

package dev.tessera.governance.evaluation.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.governance.policy.engine.PolicyVariable;
import dev.tessera.governance.policy.engine.ProductContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds what policies see of a product: every {@link PolicyVariable} bound from the product's
 * state, and every source-bound one from its {@link VariableSource}. A source-bound variable
 * without exactly one source is a wiring mistake, refused when the first context is built rather
 * than evaluated as missing.
 */
@ApplicationScoped
public class ProductContexts {

    private final Map<PolicyVariable, VariableSource> sources;

    @Inject
    public ProductContexts(@Any Instance<VariableSource> beans) {
        this(beans.stream().toList());
    }

    ProductContexts(List<VariableSource> found) {
        Map<PolicyVariable, VariableSource> byVariable = new EnumMap<>(PolicyVariable.class);
        for (VariableSource source : found) {
            VariableSource other = byVariable.put(source.variable(), source);
            if (other != null) {
                throw new IllegalStateException(
                        "policy variable " + source.variable().celName() + " has two sources: "
                                + other.getClass().getName() + " and "
                                + source.getClass().getName());
            }
        }
        for (PolicyVariable v : PolicyVariable.values()) {
            if (v.binding() == PolicyVariable.Binding.SOURCE && !byVariable.containsKey(v)) {
                throw new IllegalStateException("policy variable " + v.celName() + " has no VariableSource bean");
            }
        }
        sources = Map.copyOf(byVariable);
    }

    /**
     * The context of a product from its state payload (a {@code ProductStateV1} as JSON).
     *
     * @param productId the product, or null when the payload names none
     */
    public ProductContext of(String productId, JsonNode state, Instant now) {
        ProductContext context = ProductContext.at(now);
        for (PolicyVariable v : PolicyVariable.values()) {
            switch (v.binding()) {
                case STATE -> context = context.with(v, v.fromState(state));
                case SOURCE -> context = context.with(v, sources.get(v).valueFor(productId, now));
                case ITEM, CLOCK -> {
                    // Bound by the evaluator: each port or property in turn, and the context's time.
                }
            }
        }
        return context;
    }

    /** The source that binds a variable, if it is source-bound. */
    public java.util.Optional<VariableSource> sourceOf(PolicyVariable variable) {
        return java.util.Optional.ofNullable(sources.get(variable));
    }
}

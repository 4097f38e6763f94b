package dev.tessera.governance.evaluation.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.governance.policy.engine.PolicyVariable;
import java.time.Instant;

/**
 * Builds one {@link PolicyVariable.Binding#SOURCE} variable's value for a product. Every such
 * variable has exactly one source bean; {@link ProductContexts} refuses to start without it.
 */
public interface VariableSource {

    /** The variable this source binds. */
    PolicyVariable variable();

    /**
     * The variable's value for a product, as JSON (times as ISO-8601 text). Called inside the
     * evaluation's transaction.
     *
     * @param productId the product, or null for a descriptor that names none (a dry run): then the
     *     value of a product nothing is known of
     * @param now the evaluation's time, the same the policy sees as {@code now}
     */
    JsonNode valueFor(String productId, Instant now);
}

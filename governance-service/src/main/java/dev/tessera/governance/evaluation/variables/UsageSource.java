package dev.tessera.governance.evaluation.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.governance.policy.engine.PolicyVariable;
import dev.tessera.governance.policy.engine.UsageValue;
import dev.tessera.governance.usage.repository.UsageStateEntity;
import dev.tessera.governance.usage.repository.UsageStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The {@code usage} variable: lineage's latest usage record of the product, shaped by {@link
 * UsageValue}; an empty usage (zero counts, not unused) before lineage reported any.
 */
@ApplicationScoped
public class UsageSource implements VariableSource {

    @Inject
    UsageStateRepository usage;

    @Inject
    ObjectMapper json;

    @Override
    public PolicyVariable variable() {
        return PolicyVariable.USAGE;
    }

    @Override
    public JsonNode valueFor(String productId, Instant now) {
        UsageStateEntity row = productId == null ? null : usage.findById(productId);
        if (row == null) {
            return UsageValue.none();
        }
        try {
            return UsageValue.of(json.readValue(row.state, UsageStateV1.class), now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored usage of " + productId + " is unreadable", e);
        }
    }
}

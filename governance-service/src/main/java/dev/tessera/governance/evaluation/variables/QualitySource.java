package dev.tessera.governance.evaluation.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.governance.policy.engine.PolicyVariable;
import dev.tessera.governance.quality.service.QualityQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The {@code quality} variable: status, lastCheckedAt, lastPassedAt, ports (port name to status,
 * checks and freshness) and failingChecks, as {@link QualityQueries#policyValue} reads them; an
 * UNKNOWN quality with no ports for a product nothing was reported for.
 */
@ApplicationScoped
public class QualitySource implements VariableSource {

    @Inject
    QualityQueries quality;

    @Override
    public PolicyVariable variable() {
        return PolicyVariable.QUALITY;
    }

    @Override
    public JsonNode valueFor(String productId, Instant now) {
        return quality.policyValue(productId);
    }
}

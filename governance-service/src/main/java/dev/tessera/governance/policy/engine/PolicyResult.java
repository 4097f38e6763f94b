package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one policy said about one product.
 *
 * @param policyId the policy
 * @param policyVersion the version evaluated
 * @param name display name
 * @param severity BLOCKING or WARNING
 * @param weight weight in the score
 * @param outcome PASS, FAIL, ERROR or NOT_APPLICABLE
 * @param message why it failed or errored (null on a pass)
 * @param remediation the policy's hint, given when it did not pass
 * @param evidence the values the expression looked at
 */
public record PolicyResult(
        String policyId,
        long policyVersion,
        String name,
        PolicySeverity severity,
        int weight,
        Outcome outcome,
        String message,
        String remediation,
        ObjectNode evidence) {

    /** True for a BLOCKING policy that failed or errored: such a result stops a publication. */
    public boolean blocks() {
        return severity == PolicySeverity.BLOCKING && (outcome == Outcome.FAIL || outcome == Outcome.ERROR);
    }
}

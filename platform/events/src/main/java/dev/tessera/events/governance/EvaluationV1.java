package dev.tessera.events.governance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.tessera.governance.evaluation-completed.v1}: every applicable policy
 * evaluated against one product state, with the resulting compliance score.
 *
 * @param productId the product evaluated (record key and CloudEvents subject)
 * @param sequence governance's own monotonic counter for this product's evaluations
 * @param productSequence the registry sequence of the product state that was evaluated
 * @param version the product version evaluated (the registry's head version)
 * @param domainId the product's domain
 * @param score weighted compliance score, 0 to 100
 * @param rating rating band of the score (A to E)
 * @param blockingFailures how many BLOCKING policies failed or errored
 * @param outcomes one entry per policy considered
 * @param evaluatedAt when the evaluation finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationV1(
        String productId,
        long sequence,
        long productSequence,
        String version,
        String domainId,
        double score,
        String rating,
        int blockingFailures,
        List<PolicyOutcome> outcomes,
        Instant evaluatedAt) {

    /**
     * The result of one policy.
     *
     * @param policyId the policy
     * @param policyVersion the policy version that was evaluated
     * @param name display name
     * @param severity BLOCKING or WARNING
     * @param outcome PASS, FAIL, ERROR or NOT_APPLICABLE
     * @param message why it failed or errored
     * @param remediation what the owner should do when it fails
     * @param evidence the values the expression looked at
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PolicyOutcome(
            String policyId,
            long policyVersion,
            String name,
            String severity,
            String outcome,
            String message,
            String remediation,
            JsonNode evidence) {}
}

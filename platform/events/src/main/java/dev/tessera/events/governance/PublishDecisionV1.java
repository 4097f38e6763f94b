package dev.tessera.events.governance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.tessera.governance.publish-decided.v1}: governance's answer to a version
 * entering PENDING_APPROVAL. The registry publishes the version when {@code approved}, otherwise
 * moves it back to DRAFT with the failing policies as reasons.
 *
 * @param productId the product (record key and CloudEvents subject)
 * @param sequence governance's monotonic counter for this product's events
 * @param version the version the decision is about
 * @param productSequence the registry sequence of the publish request that was decided
 * @param approved true to publish
 * @param failures the BLOCKING policies that failed or errored, empty when approved
 * @param decidedAt when the decision was taken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishDecisionV1(
        String productId,
        long sequence,
        String version,
        long productSequence,
        boolean approved,
        List<Failure> failures,
        Instant decidedAt) {

    /** One failing BLOCKING policy and how to fix it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(String policyId, String name, String outcome, String message, String remediation) {}
}

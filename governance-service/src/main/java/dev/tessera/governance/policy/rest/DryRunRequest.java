package dev.tessera.governance.policy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.governance.policy.service.DryRun;

/**
 * A dry run: which policy, against what.
 *
 * @param policyId a saved policy to run (or give {@code policy})
 * @param policy an unsaved policy to run
 * @param descriptor one descriptor to run it on; absent means every current product
 * @param domainId the domain the descriptor belongs to (for domain-scoped policies), when a descriptor is given
 */
public record DryRunRequest(String policyId, PolicyRequest policy, JsonNode descriptor, String domainId) {

    /** The request as the service takes it. */
    public DryRun dryRun() {
        return new DryRun(policyId, policy == null ? null : policy.definition(), descriptor, domainId);
    }
}

package dev.tessera.governance.policy.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dry run: which policy, against what.
 *
 * @param policyId a saved policy to run, when {@code policy} is null
 * @param policy an unsaved policy to run
 * @param descriptor one descriptor to run it on; null means every current product
 * @param domainId the domain the descriptor belongs to (for domain-scoped policies), when a descriptor is given
 */
public record DryRun(String policyId, PolicyDefinition policy, JsonNode descriptor, String domainId) {}

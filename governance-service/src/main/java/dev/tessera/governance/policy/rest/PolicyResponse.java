package dev.tessera.governance.policy.rest;

import dev.tessera.governance.policy.repository.PolicyEntity;
import java.time.Instant;

/** A policy as served; {@code message} is null when the policy has no failure message of its own. */
public record PolicyResponse(
        String id,
        String name,
        String description,
        String scope,
        String severity,
        int weight,
        String target,
        String expression,
        String remediation,
        String message,
        boolean enabled,
        long version,
        String origin,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {

    public static PolicyResponse of(PolicyEntity p) {
        return new PolicyResponse(
                p.id,
                p.name,
                p.description,
                p.scope,
                p.severity.name(),
                p.weight,
                p.target.name(),
                p.expression,
                p.remediation,
                p.message,
                p.enabled,
                p.version,
                p.origin,
                p.createdAt,
                p.updatedAt,
                p.updatedBy);
    }
}

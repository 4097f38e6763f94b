package dev.tessera.governance.policy.service;

import dev.tessera.governance.policy.repository.PolicyEntity;
import java.time.Instant;

/**
 * A policy as one of its versions records it. Stored as JSON with each version and served as it was
 * stored by a policy's history, so its fields are the ones a policy is served with, in the same order.
 */
public record PolicySnapshot(
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

    static PolicySnapshot of(PolicyEntity p) {
        return new PolicySnapshot(
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

package dev.tessera.governance.access.repository;

import java.util.Map;
import java.util.Set;

/**
 * Life of an access request. REQUESTED -> APPROVED / REJECTED; APPROVED -> ACTIVE (provisioned) or
 * FAILED (provisioning failed); APPROVED / ACTIVE -> REVOKED; anything still open -> EXPIRED when
 * its requestedUntil passes.
 */
public enum AccessStatus {
    REQUESTED,
    APPROVED,
    REJECTED,
    ACTIVE,
    REVOKED,
    EXPIRED,
    FAILED;

    private static final Map<AccessStatus, Set<AccessStatus>> NEXT = Map.of(
            REQUESTED, Set.of(APPROVED, REJECTED, EXPIRED),
            APPROVED, Set.of(ACTIVE, FAILED, REVOKED, EXPIRED),
            ACTIVE, Set.of(REVOKED, EXPIRED),
            REJECTED, Set.of(),
            REVOKED, Set.of(),
            EXPIRED, Set.of(),
            FAILED, Set.of());

    public boolean canMoveTo(AccessStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<AccessStatus> allowedNext() {
        return NEXT.get(this);
    }

    /** Statuses that still end on their own when requestedUntil passes. */
    public static final Set<AccessStatus> OPEN = Set.of(REQUESTED, APPROVED, ACTIVE);
}

package dev.tessera.platform.audit;

import java.time.Instant;

/**
 * A validated audit query; null components do not filter.
 *
 * @param actor subject that wrote
 * @param clientId OAuth client (azp) the write came through
 * @param action the recorded action
 * @param targetType kind of object written
 * @param targetId id of the object written
 * @param requestId the write's request id
 * @param since earliest instant, inclusive
 * @param before latest instant, exclusive
 * @param beforeId keyset cursor: only entries with a smaller id (the previous page's last)
 */
public record AuditQuery(
        String actor,
        String clientId,
        String action,
        String targetType,
        String targetId,
        String requestId,
        Instant since,
        Instant before,
        Long beforeId) {

    /** The same query restricted to one target. */
    public AuditQuery of(String type, String id) {
        return new AuditQuery(actor, clientId, action, type, id, requestId, since, before, beforeId);
    }
}

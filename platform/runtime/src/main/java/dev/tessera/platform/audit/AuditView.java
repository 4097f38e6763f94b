package dev.tessera.platform.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One audit entry as every service's API shows it: who (actor, and the OAuth client), what (action,
 * target and detail), when, and the request id that ties it to logs and traces.
 *
 * @param id position in the service's audit trail (larger is later)
 * @param occurredAt when the write happened
 * @param actor subject that wrote ({@code system} for the platform's own writes)
 * @param clientId OAuth client (azp) of the token; absent for the platform's own writes
 * @param action what was done, e.g. {@code policy.created}
 * @param targetType kind of object written
 * @param targetId id of the object written
 * @param requestId the request's {@code X-Request-Id}; absent outside HTTP requests
 * @param detail what changed, as recorded by the service (JSON)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditView(
        long id,
        Instant occurredAt,
        String actor,
        String clientId,
        String action,
        String targetType,
        String targetId,
        String requestId,
        @JsonRawValue String detail) {

    public static AuditView of(AuditEntry e) {
        return new AuditView(
                e.id, e.occurredAt, e.actor, e.clientId, e.action, e.targetType, e.targetId, e.requestId, e.detail);
    }
}

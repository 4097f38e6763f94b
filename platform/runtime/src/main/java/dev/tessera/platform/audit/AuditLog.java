package dev.tessera.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.RequestInfo;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;

/** Records writes. Must be called inside the writing transaction, so an audit entry exists exactly when the write does. */
@ApplicationScoped
public class AuditLog {

    @Inject
    AuditRepository repository;

    @Inject
    Caller caller;

    @Inject
    RequestInfo request;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, String targetId, Map<String, ?> detail) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now();
        boolean inRequest = Arc.container().requestContext().isActive();
        entry.actor = inRequest ? caller.name() : "system";
        entry.clientId = inRequest ? caller.clientId().orElse(null) : null;
        entry.requestId = inRequest ? request.requestId() : null;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId;
        try {
            entry.detail = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail not serialisable", e);
        }
        repository.persist(entry);
    }
}

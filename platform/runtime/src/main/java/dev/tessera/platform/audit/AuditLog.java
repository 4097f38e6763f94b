package dev.tessera.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.RequestInfo;
import dev.tessera.platform.sql.Unnest;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

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
        entry.detail = detailJson(detail);
        repository.persist(entry);
    }

    /**
     * Records a write the service decided itself, by a rule, while serving a call (an access request
     * a contract approves on request, say): the actor is the service, not the caller, who did not
     * decide it; the request id is the call's, so the entry is found with the call that caused it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDecidedBy(
            String service, String action, String targetType, String targetId, Map<String, ?> detail) {
        recordAll(List.of(new Recorded(
                new Actor(service, null, currentActor().requestId()), action, targetType, targetId, detail)));
    }

    /** Who made a write, captured on the request's thread for a write recorded on another one. */
    public record Actor(String name, String clientId, String requestId) {}

    /** The caller of the current request; "system" outside requests. */
    public Actor currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return new Actor("system", null, null);
        }
        return new Actor(caller.name(), caller.clientId().orElse(null), request.requestId());
    }

    /** One entry for {@link #recordAll}. */
    public record Recorded(Actor actor, String action, String targetType, String targetId, Map<String, ?> detail) {}

    /**
     * Records several writes of one transaction in one statement, each with the actor captured when
     * it was asked for: for writers that group the calls of several callers into one transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Recorded> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Unnest.Values rows = rows(entries);
        repository.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                rows.bind(connection, insert, 1);
                insert.executeUpdate();
            }
        });
    }

    /** An entry as stored: who, what, and the detail already written as JSON. */
    private record Row(Actor actor, String action, String targetType, String targetId, String detail) {}

    private static final Unnest<Row> ROWS = Unnest.of(Row.class)
            .text("a", r -> r.actor().name())
            .text("c", r -> r.actor().clientId())
            .text("r", r -> r.actor().requestId())
            .text("ac", Row::action)
            .text("t", Row::targetType)
            .text("i", Row::targetId)
            .text("d", Row::detail);

    /**
     * The statement {@link #recordAll} runs, with the parameters {@link #rows} binds. For writers
     * that send it together with their own statements.
     */
    public static final String INSERT_ALL = "INSERT INTO audit_entry (occurred_at, actor, client_id, request_id, "
            + "action, target_type, target_id, detail) SELECT now(), a, c, r, ac, t, i, d::jsonb FROM "
            + ROWS.withOrdinality("u", "pos") + " ORDER BY pos";

    /** The parameters of {@link #INSERT_ALL} for these entries, in list order. */
    public Unnest.Values rows(List<Recorded> entries) {
        return ROWS.values(entries.stream()
                .map(e -> new Row(e.actor(), e.action(), e.targetType(), e.targetId(), detailJson(e.detail())))
                .toList());
    }

    private String detailJson(Map<String, ?> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail not serialisable", e);
        }
    }
}

package dev.tessera.lineage.openlineage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.platform.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The audit entries of ingest calls as a step of the ingest's last round trip. The rows are those
 * {@link AuditLog#recordAll} writes (same table, columns and values, read by the same audit
 * queries); only the sending differs, so an ingest transaction does not pay a round trip of its own
 * for its audit.
 */
@ApplicationScoped
class IngestAudit {

    @Inject
    ObjectMapper json;

    /** Adds one statement inserting these entries, in list order, to the pipeline. */
    void recordAll(SqlPipeline pipeline, List<AuditLog.Recorded> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        String[] actors = new String[n];
        String[] clients = new String[n];
        String[] requests = new String[n];
        String[] actions = new String[n];
        String[] types = new String[n];
        String[] ids = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            AuditLog.Recorded entry = entries.get(i);
            actors[i] = entry.actor().name();
            clients[i] = entry.actor().clientId();
            requests[i] = entry.actor().requestId();
            actions[i] = entry.action();
            types[i] = entry.targetType();
            ids[i] = entry.targetId();
            try {
                details[i] = json.writeValueAsString(entry.detail());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("audit detail not serialisable", e);
            }
        }
        pipeline.update(
                "INSERT INTO audit_entry (occurred_at, actor, client_id, request_id, action, target_type, target_id, "
                        + "detail) SELECT now(), a, c, r, ac, t, i, d::jsonb FROM unnest(?::text[], ?::text[], "
                        + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                        + "WITH ORDINALITY AS u(a, c, r, ac, t, i, d, pos) ORDER BY pos",
                parameters -> parameters
                        .texts(actors)
                        .texts(clients)
                        .texts(requests)
                        .texts(actions)
                        .texts(types)
                        .texts(ids)
                        .texts(details));
    }
}

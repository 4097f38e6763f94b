package dev.tessera.lineage.openlineage.service;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.sql.Unnest;
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
    AuditLog audit;

    /** Adds one statement inserting these entries, in list order, to the pipeline. */
    void recordAll(SqlPipeline pipeline, List<AuditLog.Recorded> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Unnest.Values rows = audit.rows(entries);
        pipeline.update(AuditLog.INSERT_ALL, parameters -> parameters.unnest(rows));
    }
}

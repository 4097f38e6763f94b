package dev.tessera.lineage.openlineage.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored OpenLineage events. Identical events (same fingerprint) are stored once. */
@ApplicationScoped
public class OpenLineageEventRepository implements PanacheRepositoryBase<OpenLineageEventEntity, Long> {

    /** Stores an event unless an identical one is stored; its id, or empty for a duplicate. */
    public Optional<Long> insertIfNew(
            String fingerprint,
            String kind,
            String eventType,
            Instant eventTime,
            String runId,
            String subjectKey,
            String raw) {
        List<?> ids = getEntityManager()
                .createNativeQuery("INSERT INTO openlineage_event (fingerprint, kind, event_type, event_time, run_id, "
                        + "subject_key, raw, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), now()) "
                        + "ON CONFLICT (fingerprint) DO NOTHING RETURNING id")
                .setParameter(1, fingerprint)
                .setParameter(2, kind)
                .setParameter(3, eventType)
                .setParameter(4, eventTime)
                .setParameter(5, runId)
                .setParameter(6, subjectKey)
                .setParameter(7, raw)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(((Number) ids.getFirst()).longValue());
    }

    public void recordIssues(long id, String issuesJson) {
        getEntityManager()
                .createNativeQuery("UPDATE openlineage_event SET issues = CAST(?2 AS jsonb) WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, issuesJson)
                .executeUpdate();
    }

    /** Events with unresolved parts, oldest first, after a cursor id. */
    public List<OpenLineageEventEntity> unresolvedAfter(long afterId, int limit) {
        return find("issues is not null and id > ?1 order by id", afterId)
                .page(0, limit)
                .list();
    }
}

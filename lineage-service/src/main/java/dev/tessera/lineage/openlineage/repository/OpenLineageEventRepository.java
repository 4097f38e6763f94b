package dev.tessera.lineage.openlineage.repository;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.platform.sql.Unnest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stored OpenLineage events. Identical events (same fingerprint) are stored once. */
@ApplicationScoped
public class OpenLineageEventRepository implements PanacheRepositoryBase<OpenLineageEventEntity, Long> {

    /** An event to store: its fingerprint, what the listing shows of it, the raw JSON and its sender's subject. */
    public record NewEvent(
            String fingerprint,
            String kind,
            String eventType,
            Instant eventTime,
            String runId,
            String subjectKey,
            String raw,
            String producerSubject) {}

    /** A stored event's internal id and the random id it is known by outside the service. */
    public record Stored(long id, UUID publicId) {}

    /**
     * Stores, in one statement and in the order given, every event not stored before; the ids of the
     * events stored now, by fingerprint. Fingerprints must be distinct within the list.
     */
    public Map<String, Stored> insertAllIfNew(List<NewEvent> events) {
        SqlPipeline pipeline = new SqlPipeline();
        Map<String, Stored> stored = insertAllIfNew(pipeline, events);
        pipeline.run(getEntityManager());
        return stored;
    }

    /**
     * {@link #insertAllIfNew(List)} as a step of a pipeline: the map it answers is filled when the
     * pipeline runs.
     */
    public Map<String, Stored> insertAllIfNew(SqlPipeline pipeline, List<NewEvent> events) {
        Map<String, Stored> stored = new HashMap<>();
        if (events.isEmpty()) {
            return stored;
        }
        Unnest.Values rows = EVENTS.values(events);
        pipeline.query(
                "INSERT INTO openlineage_event (fingerprint, kind, event_type, event_time, run_id, subject_key, "
                        + "raw, producer_subject, received_at) "
                        + "SELECT f, k, et, tm, r, s, raw::jsonb, p, now() FROM "
                        + EVENTS.withOrdinality("u", "pos") + " ORDER BY pos "
                        + "ON CONFLICT (fingerprint) DO NOTHING RETURNING id, fingerprint, public_id",
                parameters -> parameters.unnest(rows),
                result -> {
                    while (result.next()) {
                        stored.put(result.getString(2), new Stored(result.getLong(1), result.getObject(3, UUID.class)));
                    }
                });
        return stored;
    }

    private static final Unnest<NewEvent> EVENTS = Unnest.of(NewEvent.class)
            .text("f", NewEvent::fingerprint)
            .text("k", NewEvent::kind)
            .text("et", NewEvent::eventType)
            .timestamptz("tm", NewEvent::eventTime)
            .text("r", NewEvent::runId)
            .text("s", NewEvent::subjectKey)
            .text("raw", NewEvent::raw)
            .text("p", NewEvent::producerSubject);

    /** Records what could not be resolved of several stored events, in one statement. */
    public void recordIssues(Map<Long, String> issuesById) {
        SqlPipeline pipeline = new SqlPipeline();
        recordIssues(pipeline, issuesById);
        pipeline.run(getEntityManager());
    }

    /** {@link #recordIssues(Map)} as a step of a pipeline. */
    public void recordIssues(SqlPipeline pipeline, Map<Long, String> issuesById) {
        if (issuesById.isEmpty()) {
            return;
        }
        Unnest.Values rows = ISSUES.values(issuesById.entrySet().stream()
                .map(e -> new Issues(e.getKey(), e.getValue()))
                .toList());
        pipeline.update(
                "UPDATE openlineage_event e SET issues = u.iss::jsonb FROM " + ISSUES.as("u") + " WHERE e.id = u.id",
                parameters -> parameters.unnest(rows));
    }

    /** What could not be resolved of a stored event, as JSON. */
    private record Issues(long id, String issues) {}

    private static final Unnest<Issues> ISSUES =
            Unnest.of(Issues.class).int8("id", Issues::id).text("iss", Issues::issues);

    /** The event known outside the service by this id, if any. */
    public Optional<OpenLineageEventEntity> findByPublicId(UUID publicId) {
        return find("publicId", publicId).firstResultOptional();
    }

    /** Events with unresolved parts, oldest first, after a cursor id. */
    public List<OpenLineageEventEntity> unresolvedAfter(long afterId, int limit) {
        return find("issues is not null and id > ?1 order by id", afterId)
                .page(0, limit)
                .list();
    }
}

package dev.tessera.lineage.openlineage.repository;

import dev.tessera.lineage.graph.repository.SqlPipeline;
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
        int n = events.size();
        String[] fingerprints = new String[n];
        String[] kinds = new String[n];
        String[] types = new String[n];
        String[] times = new String[n];
        String[] runs = new String[n];
        String[] subjects = new String[n];
        String[] raws = new String[n];
        String[] producers = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            fingerprints[i] = e.fingerprint();
            kinds[i] = e.kind();
            types[i] = e.eventType();
            times[i] = e.eventTime().toString();
            runs[i] = e.runId();
            subjects[i] = e.subjectKey();
            raws[i] = e.raw();
            producers[i] = e.producerSubject();
        }
        pipeline.query(
                "INSERT INTO openlineage_event (fingerprint, kind, event_type, event_time, run_id, subject_key, "
                        + "raw, producer_subject, received_at) "
                        + "SELECT f, k, et, tm::timestamptz, r, s, raw::jsonb, p, now() "
                        + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                        + "?::text[]) WITH ORDINALITY AS u(f, k, et, tm, r, s, raw, p, pos) ORDER BY pos "
                        + "ON CONFLICT (fingerprint) DO NOTHING RETURNING id, fingerprint, public_id",
                parameters -> parameters
                        .texts(fingerprints)
                        .texts(kinds)
                        .texts(types)
                        .texts(times)
                        .texts(runs)
                        .texts(subjects)
                        .texts(raws)
                        .texts(producers),
                rows -> {
                    while (rows.next()) {
                        stored.put(rows.getString(2), new Stored(rows.getLong(1), rows.getObject(3, UUID.class)));
                    }
                });
        return stored;
    }

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
        Long[] ids = issuesById.keySet().toArray(Long[]::new);
        String[] issues = issuesById.values().toArray(String[]::new);
        pipeline.update(
                "UPDATE openlineage_event e SET issues = u.iss::jsonb FROM unnest(?::int8[], ?::text[]) "
                        + "AS u(id, iss) WHERE e.id = u.id",
                parameters -> parameters.longs(ids).texts(issues));
    }

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

package dev.tessera.lineage.openlineage.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An OpenLineage event as received, with what could not be resolved into the graph. {@code id} is
 * internal; outside the service the event is named by its random {@code publicId}.
 */
@Entity
@Table(name = "openlineage_event")
public class OpenLineageEventEntity {

    @Id
    public Long id;

    @Column(name = "public_id", nullable = false, insertable = false, updatable = false)
    public UUID publicId;

    /** The token subject that sent it; null for events stored before senders were recorded. */
    @Column(name = "producer_subject")
    public String producerSubject;

    @Column(nullable = false)
    public String fingerprint;

    @Column(nullable = false)
    public String kind;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_time", nullable = false)
    public Instant eventTime;

    @Column(name = "run_id")
    public String runId;

    @Column(name = "subject_key", nullable = false)
    public String subjectKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String raw;

    @JdbcTypeCode(SqlTypes.JSON)
    public String issues;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}

package dev.tessera.governance.evaluation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A domain's or the platform's score at one moment, for trends. */
@Entity
@Table(name = "score_snapshot")
public class ScoreSnapshotEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** DOMAIN or PLATFORM. */
    @Column(nullable = false)
    public String scope;

    /** The domain id, or {@code *} for the platform. */
    @Column(name = "scope_id", nullable = false)
    public String scopeId;

    @Column(nullable = false)
    public double score;

    @Column(nullable = false)
    public String rating;

    @Column(nullable = false)
    public int products;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;
}

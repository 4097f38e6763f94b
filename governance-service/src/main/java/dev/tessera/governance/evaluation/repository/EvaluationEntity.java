package dev.tessera.governance.evaluation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One completed evaluation of a product: every policy's outcome with evidence, and the score. */
@Entity
@Table(name = "evaluation")
public class EvaluationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "product_id", nullable = false)
    public String productId;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "product_sequence", nullable = false)
    public long productSequence;

    public String version;

    @Column(name = "domain_id", nullable = false)
    public String domainId;

    @Column(nullable = false)
    public double score;

    @Column(nullable = false)
    public String rating;

    @Column(name = "blocking_failures", nullable = false)
    public int blockingFailures;

    @Column(nullable = false)
    public String trigger;

    /** True when the evaluated version was published (not a draft, not pending approval) at the time. */
    @Column(nullable = false)
    public boolean published;

    /** The outcomes as published in EvaluationV1. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String outcomes;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;
}

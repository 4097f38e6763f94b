package dev.tessera.governance.evaluation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The current score of one product. */
@Entity
@Table(name = "product_score")
public class ProductScoreEntity {

    @Id
    @Column(name = "product_id")
    public String productId;

    @Column(name = "domain_id", nullable = false)
    public String domainId;

    @Column(nullable = false)
    public double score;

    @Column(nullable = false)
    public String rating;

    @Column(name = "blocking_failures", nullable = false)
    public int blockingFailures;

    @Column(name = "evaluation_id", nullable = false)
    public long evaluationId;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;
}

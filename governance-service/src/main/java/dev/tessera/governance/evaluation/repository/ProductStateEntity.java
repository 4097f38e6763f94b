package dev.tessera.governance.evaluation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest ProductStateV1 the registry published for a product, kept so it can be re-evaluated. */
@Entity
@Table(name = "product_state")
public class ProductStateEntity {

    @Id
    @Column(name = "product_id")
    public String productId;

    @Column(name = "domain_id", nullable = false)
    public String domainId;

    /** The registry's sequence of this state: older or repeated events are ignored. */
    @Column(nullable = false)
    public long sequence;

    /** The whole event payload. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;

    /** Governance's own counter for the events it publishes about the product. */
    @Column(name = "event_sequence", nullable = false)
    public long eventSequence;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

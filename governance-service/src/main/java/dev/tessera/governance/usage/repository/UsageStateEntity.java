package dev.tessera.governance.usage.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest UsageStateV1 lineage sent for a product; written only by {@link UsageStateRepository#apply}. */
@Entity
@Table(name = "usage_state")
public class UsageStateEntity {

    @Id
    @Column(name = "product_id")
    public String productId;

    /** The product's domain; empty when neither the record nor governance knows it. */
    @Column(name = "domain_id", nullable = false)
    public String domainId;

    /** Lineage's sequence of the record: older or repeated records are ignored. */
    @Column(nullable = false)
    public long sequence;

    @Column(nullable = false)
    public boolean unused;

    @Column(name = "unused_since")
    public Instant unusedSince;

    /** How many shadow consumers the record counts, listed or not. */
    @Column(name = "shadow_consumers", nullable = false)
    public int shadowConsumers;

    @Column(name = "change_kind", nullable = false)
    public String changeKind;

    @Column(name = "as_of", nullable = false)
    public Instant asOf;

    /** The whole record as it arrived. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.tessera.registry.product.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One semantic version of a product with its full descriptor and lifecycle state. */
@Entity
@Table(name = "product_version")
@IdClass(ProductVersionEntity.Key.class)
public class ProductVersionEntity {

    @Id
    @Column(name = "product_id")
    public String productId;

    @Id
    public String version;

    /** Sorts like the semantic version; see SemanticVersion#sortKey. */
    @Column(name = "version_key", nullable = false)
    public String versionKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Lifecycle status;

    /** The descriptor for queries (JSONB normalises key order). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String descriptor;

    /** The descriptor with the owner's key order, for export and events. */
    @Column(name = "descriptor_text", nullable = false)
    public String descriptorText;

    /** SHA-256 of the canonical descriptor: an unchanged re-apply is recognised without a diff. */
    @Column(name = "descriptor_hash", nullable = false)
    public String descriptorHash;

    /** Breaking-change findings against the latest released version when this one was written. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String findings;

    /** Why the version is in its state (for example the failing policies of a rejection). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "status_reasons")
    public String statusReasons;

    @Column(name = "sunset_date")
    public LocalDate sunsetDate;

    public String successor;

    /** The product sequence of the publish request this version is waiting on, while PENDING_APPROVAL. */
    @Column(name = "pending_sequence")
    public Long pendingSequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    /** Composite key. */
    public static class Key implements Serializable {
        public String productId;
        public String version;

        public Key() {}

        public Key(String productId, String version) {
            this.productId = productId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other
                    && java.util.Objects.equals(productId, other.productId)
                    && java.util.Objects.equals(version, other.version);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(productId, version);
        }
    }
}

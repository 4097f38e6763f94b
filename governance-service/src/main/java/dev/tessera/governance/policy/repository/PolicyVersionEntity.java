package dev.tessera.governance.policy.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a policy as it was written (its history survives the policy's deletion). */
@Entity
@Table(name = "policy_version")
@IdClass(PolicyVersionEntity.Key.class)
public class PolicyVersionEntity {

    @Id
    @Column(name = "policy_id")
    public String policyId;

    @Id
    public long version;

    /** CREATED, UPDATED or DELETED. */
    @Column(nullable = false)
    public String change;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String snapshot;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Composite key. */
    public static class Key implements Serializable {
        public String policyId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(policyId, k.policyId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, version);
        }
    }
}

package dev.tessera.governance.policy.repository;

import dev.tessera.governance.policy.engine.PolicySeverity;
import dev.tessera.governance.policy.engine.PolicyTarget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A governance policy: a CEL expression with the rules of how its result counts. */
@Entity
@Table(name = "policy")
public class PolicyEntity {

    /** Scope value of policies that apply to every domain. */
    public static final String GLOBAL = "GLOBAL";

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(nullable = false)
    public String scope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PolicySeverity severity;

    @Column(nullable = false)
    public int weight;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PolicyTarget target;

    @Column(nullable = false)
    public String expression;

    public String remediation;

    /** CEL expression yielding the failure's sentence; null when the policy has none. */
    public String message;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String origin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public boolean isGlobal() {
        return GLOBAL.equals(scope);
    }
}

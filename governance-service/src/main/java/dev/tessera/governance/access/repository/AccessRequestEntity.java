package dev.tessera.governance.access.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A consumer's request for access to one output port, with every step it went through. */
@Entity
@Table(name = "access_request")
public class AccessRequestEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "product_id", nullable = false)
    public String productId;

    @Column(name = "port_name", nullable = false)
    public String portName;

    @Column(name = "port_version")
    public String portVersion;

    @Column(name = "product_domain_id", nullable = false)
    public String productDomainId;

    @Column(name = "consumer_subject", nullable = false)
    public String consumerSubject;

    @Column(name = "consumer_product_id")
    public String consumerProductId;

    @Column(name = "consumer_domain_id")
    public String consumerDomainId;

    @Column(nullable = false)
    public String purpose;

    @Column(name = "requested_until", nullable = false)
    public Instant requestedUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccessStatus status;

    /** JSON array of user names the contract's ODCS roles name as approvers. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String approvers;

    /** JSON array of AccessRequestStateV1.Step, oldest first. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String history;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

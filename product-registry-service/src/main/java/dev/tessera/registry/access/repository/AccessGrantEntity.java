package dev.tessera.registry.access.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest state of one access request to a port, as governance announced it. Only a row whose
 * status is ACTIVE is a grant in force.
 */
@Entity
@Table(name = "access_grant")
public class AccessGrantEntity {

    /** The status of a grant in force. */
    public static final String ACTIVE = "ACTIVE";

    @Id
    @Column(name = "request_id")
    public String requestId;

    /** Governance's sequence of the request's events; only a higher one replaces the row. */
    @Column(nullable = false)
    public long sequence;

    @Column(name = "product_id", nullable = false)
    public String productId;

    @Column(name = "port_name", nullable = false)
    public String portName;

    @Column(name = "port_version")
    public String portVersion;

    /** Who holds (or asked for) the access: a user or service account. */
    @Column(name = "consumer_subject", nullable = false)
    public String consumerSubject;

    /** The product the access is for, when the request named one. */
    @Column(name = "consumer_product_id")
    public String consumerProductId;

    @Column(name = "consumer_domain_id")
    public String consumerDomainId;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

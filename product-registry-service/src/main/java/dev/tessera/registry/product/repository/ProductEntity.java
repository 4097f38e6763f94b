package dev.tessera.registry.product.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A data product: identity, owning domain, and the sequence that versions every change to it. */
@Entity
@Table(name = "data_product")
public class ProductEntity {

    @Id
    public String id;

    @Column(name = "domain_id", nullable = false)
    public String domainId;

    @Column(nullable = false)
    public String name;

    /** Incremented on every change: the ETag and the {@code sequence} of the product's events. */
    @Column(nullable = false)
    public long sequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.tessera.registry.domain.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A business domain that owns data products. */
@Entity
@Table(name = "domain")
public class DomainEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "owner_group")
    public String ownerGroup;

    @Column(name = "parent_id")
    public String parentId;

    /** Incremented on every change: the ETag and the event sequence. */
    @Column(nullable = false)
    public long sequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.tessera.lineage.product.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A domain and the group that owns it, from tessera.domains; impact analysis names its owners. */
@Entity
@Table(name = "domain")
public class DomainEntity {

    @Id
    @Column(name = "domain_id")
    public String domainId;

    public String name;

    @Column(name = "owner_group")
    public String ownerGroup;
}

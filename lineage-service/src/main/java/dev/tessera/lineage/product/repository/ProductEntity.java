package dev.tessera.lineage.product.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What lineage knows about a data product, from tessera.products. */
@Entity
@Table(name = "product")
public class ProductEntity {

    @Id
    @Column(name = "product_id")
    public String productId;

    @Column(name = "domain_id")
    public String domainId;

    public String name;

    /** Comma-separated usernames of the product team's members. */
    public String owners;

    /** When it was last published; null while no version is published. */
    @Column(name = "published_at")
    public java.time.Instant publishedAt;
}

package dev.tessera.governance.lineage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A product-to-product edge from tessera.lineage: {@code toProduct} consumes {@code fromProduct}. */
@Entity
@Table(name = "lineage_edge")
public class LineageEdgeEntity {

    @Id
    @Column(name = "edge_id")
    public String edgeId;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "from_product")
    public String fromProduct;

    @Column(name = "to_product")
    public String toProduct;

    @Column(name = "to_domain")
    public String toDomain;

    public String kind;

    @Column(nullable = false)
    public boolean present;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.tessera.lineage.graph.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A node of the lineage graph as stored. */
@Entity
@Table(name = "lineage_node")
public class NodeEntity {

    @Id
    public Integer id;

    @Column(name = "node_key", nullable = false)
    public String nodeKey;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String name;

    @Column(name = "product_id")
    public String productId;

    @Column(name = "domain_id")
    public String domainId;
}

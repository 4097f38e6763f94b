package dev.tessera.lineage.graph.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A lineage edge as stored; removed edges stay with {@code present = false}. */
@Entity
@Table(name = "lineage_edge")
public class EdgeEntity {

    @Id
    public Long id;

    @Column(name = "edge_key", nullable = false)
    public String edgeKey;

    @Column(name = "from_id", nullable = false)
    public int fromId;

    @Column(name = "to_id", nullable = false)
    public int toId;

    @Column(nullable = false)
    public String kind;

    public String detail;

    public String origin;

    @Column(nullable = false)
    public boolean present;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

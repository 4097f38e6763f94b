package dev.tessera.lineage.graph.service;

import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.lineage.graph.NodeType;

/** A stored node as the writers need it: its id, and what tessera.lineage events say about it. */
public record NodeRef(int id, NodeType type, String name, String productId, String domainId) {

    public String key() {
        return type.key(name);
    }

    LineageEdgeV1.Node toEvent() {
        return new LineageEdgeV1.Node(type.name(), name, productId, domainId);
    }
}

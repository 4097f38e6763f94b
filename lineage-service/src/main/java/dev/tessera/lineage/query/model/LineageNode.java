package dev.tessera.lineage.query.model;

import dev.tessera.lineage.graph.Direction;
import dev.tessera.lineage.graph.NodeType;

/**
 * A node as a query reached it.
 *
 * @param key the node key, {@code TYPE:id}, which every query accepts back
 * @param type the node's type
 * @param id the id within its type: the key without its {@code TYPE:} prefix
 * @param domainId the owning domain, when known
 * @param depth hops from the start
 * @param direction whether it was reached with the data flow or against it (the start counts as
 *     downstream)
 */
public record LineageNode(String key, NodeType type, String id, String domainId, int depth, Direction direction) {}

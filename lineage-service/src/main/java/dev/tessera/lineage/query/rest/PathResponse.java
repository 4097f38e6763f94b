package dev.tessera.lineage.query.rest;

import java.util.List;

/**
 * A shortest path along the data flow.
 *
 * @param found whether {@code to} is downstream of {@code from} within the depth
 * @param hops edges on the path
 * @param nodes the nodes from {@code from} to {@code to}; empty when not found
 */
public record PathResponse(boolean found, int hops, List<NodeView> nodes) {}

package dev.tessera.lineage.query.rest;

/**
 * A node in a query answer.
 *
 * @param key the node key, {@code TYPE:id}, which every query accepts back
 * @param type PRODUCT, PORT, DATASET, JOB or COLUMN
 * @param id the id within its type
 * @param domainId the owning domain, when known
 * @param depth hops from the start
 * @param direction DOWNSTREAM or UPSTREAM of the start
 */
public record NodeView(String key, String type, String id, String domainId, int depth, String direction) {}

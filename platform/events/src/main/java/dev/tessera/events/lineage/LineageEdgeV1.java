package dev.tessera.events.lineage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Payload of {@code dev.tessera.lineage.edge-added.v1} and {@code dev.tessera.lineage.edge-removed.v1}:
 * one directed edge "data flows from {@code from} to {@code to}".
 *
 * @param edgeId stable id of the edge (record key and CloudEvents subject)
 * @param sequence monotonic version of the edge (added, removed, added again, ...)
 * @param from where data comes from
 * @param to where data goes
 * @param kind why the edge exists: OUTPUT_PORT (a product offers a port), INPUT_PORT, ACCESS_GRANT,
 *     OPENLINEAGE, PORT_DATASET, COLUMN
 * @param present true when the edge exists after this event, false when it was removed
 * @param observedAt when the change was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LineageEdgeV1(
        String edgeId, long sequence, Node from, Node to, String kind, boolean present, Instant observedAt) {

    /**
     * A node of the lineage graph.
     *
     * @param type PRODUCT, PORT, DATASET, JOB or COLUMN
     * @param id the node's id within its type (product id; {@code product/port}; {@code namespace/name}; ...)
     * @param productId the product the node belongs to, when it belongs to one
     * @param domainId the domain owning that product, when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(String type, String id, String productId, String domainId) {}
}

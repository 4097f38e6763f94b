package dev.tessera.lineage.query.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What lineage received but could not place in the graph.
 *
 * @param events one page of the stored OpenLineage events with unresolved parts, oldest first
 * @param next cursor of the next page of events, null on the last
 * @param inputPorts input ports naming a contract no known product offers (yet), capped
 */
public record Unresolved(List<Event> events, String next, List<InputPort> inputPorts) {

    /**
     * A stored event and what could not be resolved of it.
     *
     * @param id the random id the event is known by outside the service
     * @param issues the recorded issues, as stored
     */
    public record Event(UUID id, String kind, String eventType, Instant eventTime, String subject, JsonNode issues) {}

    /** An input port still waiting for its upstream contract. */
    public record InputPort(String productId, String portName, String contractId) {}
}

package dev.tessera.lineage.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What lineage received but could not place in the graph.
 *
 * @param events stored OpenLineage events with unresolved parts, oldest first
 * @param next cursor of the next page of events
 * @param inputPorts input ports naming a contract no known product offers (yet)
 */
public record UnresolvedResponse(List<Event> events, String next, List<InputPort> inputPorts) {

    /**
     * A stored event and its issues; the raw event is served at {@code /api/v1/lineage/events/{id}}
     * to platform admins, governance officers and its sender.
     */
    public record Event(UUID id, String kind, String eventType, Instant eventTime, String subject, JsonNode issues) {}

    /** An input port still waiting for its upstream contract. */
    public record InputPort(String productId, String portName, String contractId) {}
}

package dev.tessera.catalog.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The part of a {@code dev.tessera.quality.status-changed.v1} payload the catalog keeps: the product's
 * status, each port's status with its failing checks, and when it changed. The same JSON is kept in the
 * product's index state, in PostgreSQL and shown on the product page, so the three cannot drift apart in
 * shape. Statuses are stored in the API's lower case.
 *
 * <pre>{@code {sequence, status, changedAt, ports: [{port, status, failingChecks: [{checkId, source, name,
 * column, observed, operator, threshold, observedAt}]}]}}</pre>
 */
public final class QualitySummary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHECK_FIELDS =
            List.of("checkId", "source", "name", "column", "observed", "operator", "threshold", "observedAt");

    private QualitySummary() {}

    /** The summary of an event's payload, at the event's sequence. */
    public static ObjectNode of(JsonNode event, long sequence) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("sequence", sequence);
        summary.put("status", QualityStatus.ofEvent(text(event, "status")).apiValue());
        summary.put("changedAt", text(event, "changedAt"));
        ArrayNode ports = summary.putArray("ports");
        for (JsonNode p : event.path("ports")) {
            ObjectNode port = ports.addObject();
            port.put("port", text(p, "port"));
            port.put("status", QualityStatus.ofEvent(text(p, "status")).apiValue());
            ArrayNode checks = port.putArray("failingChecks");
            for (JsonNode c : p.path("failingChecks")) {
                ObjectNode check = checks.addObject();
                for (String field : CHECK_FIELDS) {
                    check.put(field, text(c, field));
                }
            }
        }
        return summary;
    }

    /** What a product without any status event shows: unknown, no ports. */
    public static ObjectNode unknown() {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("status", QualityStatus.UNKNOWN.apiValue());
        summary.putNull("changedAt");
        summary.putArray("ports");
        return summary;
    }

    /** The status a kept summary holds; {@link QualityStatus#UNKNOWN} for a missing one. */
    public static QualityStatus statusOf(JsonNode summary) {
        return summary == null ? QualityStatus.UNKNOWN : QualityStatus.ofEvent(text(summary, "status"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}

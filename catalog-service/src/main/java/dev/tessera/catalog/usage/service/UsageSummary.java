package dev.tessera.catalog.usage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.ingest.service.IncomingEvent;
import dev.tessera.events.EventType;
import java.util.List;
import java.util.Optional;

/**
 * The parts of lineage's usage records ({@code tessera.usage}) and the catalog's own attention records
 * ({@code tessera.attention}) that the catalog keeps on a product's state document, each at the sequence of
 * the record it came from. Every record carries the product's whole usage or attention, so the newest one
 * replaces what was kept. Who the consumers are is not kept: the catalog shows how much a product is used;
 * lineage's usage API says by whom, to those who may know.
 *
 * <pre>{@code usage: {sequence, consumers: {declared, granted, observed, shadow, total}, readsLast30Days,
 * lastReadAt, unused, unusedSince, unusedAfterDays, asOf}
 * attention: {sequence, pageViewsLast30Days, viewersLast30Days, clickThroughsLast30Days, lastViewedAt, asOf}}</pre>
 */
public final class UsageSummary {

    /** The state document's field holding lineage's usage. */
    public static final String USAGE = "usage";

    /** The state document's field holding the catalog's attention. */
    public static final String ATTENTION = "attention";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("declared", "granted", "observed", "shadow", "total");
    private static final List<String> ATTENTION_COUNTS =
            List.of("pageViewsLast30Days", "viewersLast30Days", "clickThroughsLast30Days");

    private UsageSummary() {}

    /** True for a record of lineage's usage, whatever change it reports: each carries the whole usage. */
    public static boolean isUsage(IncomingEvent event) {
        return EventType.fromType(event.type())
                .filter(t -> t.topic().equals(dev.tessera.events.Topics.USAGE))
                .isPresent();
    }

    /** True for a record of the catalog's attention. */
    public static boolean isAttention(IncomingEvent event) {
        return EventType.ATTENTION_REFRESHED.type().equals(event.type());
    }

    /** The product a record is about: the payload's, else the CloudEvents subject. */
    public static Optional<String> productOf(IncomingEvent event) {
        return Optional.ofNullable(event.data().path("productId").asText(event.subject()));
    }

    /** What is kept of a usage record, at its sequence. */
    public static ObjectNode usage(JsonNode event, long sequence) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("sequence", sequence);
        ObjectNode consumers = usage.putObject("consumers");
        for (String kind : KINDS) {
            consumers.put(kind, Math.max(0, event.path("consumers").path(kind).asInt()));
        }
        usage.put("readsLast30Days", Math.max(0, event.path("readsLast30Days").asLong()));
        usage.put("lastReadAt", text(event, "lastReadAt"));
        usage.put("unused", event.path("unused").asBoolean());
        usage.put("unusedSince", text(event, "unusedSince"));
        if (event.path("unusedAfterDays").isInt()) {
            usage.put("unusedAfterDays", event.path("unusedAfterDays").asInt());
        }
        usage.put("asOf", text(event, "asOf"));
        return usage;
    }

    /** What is kept of an attention record, at its sequence. */
    public static ObjectNode attention(JsonNode event, long sequence) {
        ObjectNode attention = JSON.createObjectNode();
        attention.put("sequence", sequence);
        for (String count : ATTENTION_COUNTS) {
            attention.put(count, Math.max(0, event.path(count).asLong()));
        }
        attention.put("lastViewedAt", text(event, "lastViewedAt"));
        attention.put("asOf", text(event, "asOf"));
        return attention;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}

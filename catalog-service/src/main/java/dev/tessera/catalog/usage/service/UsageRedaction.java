package dev.tessera.catalog.usage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Who uses a product is for those who answer for it: owners of its domain, governance officers and
 * platform admins. Anyone else who may see the product learns that it is used and how much, not by whom:
 * a usage event delivered or shown to them leaves out the shadow consumers (their job names) and the
 * consumer a change names, and keeps every count. What is left still matches {@code usage-state-v1}.
 */
public final class UsageRedaction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageRedaction() {}

    /** True for an event type whose payload may name consumers. */
    public static boolean namesConsumers(String type) {
        return EventType.fromType(type)
                .filter(t -> t.topic().equals(Topics.USAGE))
                .isPresent();
    }

    /** The payload of an event without its consumers; any other event's payload unchanged. */
    public static String withoutConsumers(String type, String data) {
        if (data == null || !namesConsumers(type)) {
            return data;
        }
        try {
            JsonNode payload = JSON.readTree(data);
            if (!(payload instanceof ObjectNode usage)) {
                return data;
            }
            usage.putArray("shadowConsumers");
            if (usage.get("change") instanceof ObjectNode change) {
                change.remove("consumer");
            }
            return usage.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable usage event payload", e);
        }
    }
}

package dev.tessera.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the event payloads, loaded from the classpath. Consumers may use it to
 * reject a malformed payload early; the contract tests use it to prove that what producers emit
 * is what the schemas promise.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** The schema document for an event type, as published under {@code schemas/}. */
    public static InputStream open(EventType type) {
        InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + type.schemaName() + ".json");
        if (in == null) {
            throw new IllegalStateException("no schema on the classpath for " + type.type());
        }
        return in;
    }

    /** Validates a payload against its type's schema; an empty list means valid. */
    public static List<String> validate(EventType type, JsonNode payload) {
        JsonSchema schema = CACHE.computeIfAbsent(type.schemaName(), name -> load(type));
        return schema.validate(payload).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static JsonSchema load(EventType type) {
        try (InputStream in = open(type)) {
            return FACTORY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tessera.lineage.openlineage.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two OpenLineage events the same event: the SHA-256 of the event written with every
 * object's keys in sorted order, so one event written by two serialisers (different key order or
 * spacing) is one duplicate. The sorted form is written straight from the parsed tree, without
 * copying it into a sorted tree first.
 */
final class EventFingerprint {

    private EventFingerprint() {}

    /** The fingerprint of an event: hex SHA-256 of its canonical JSON. */
    static String of(ObjectWriter writer, JsonNode event) {
        return sha256(canonical(writer, event));
    }

    /** The event as JSON with every object's keys sorted (String order), otherwise as the writer writes it. */
    static String canonical(ObjectWriter writer, JsonNode event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = writer.createGenerator(out)) {
            write(generator, event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise an event", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                write(generator, node.get(name));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (node.isNull() || node.isMissingNode()) {
            generator.writeNull();
        } else {
            // Scalars (text, numbers, booleans, binary) write themselves as the mapper would.
            node.serialize(generator, null);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

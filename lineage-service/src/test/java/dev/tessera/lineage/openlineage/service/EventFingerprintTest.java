package dev.tessera.lineage.openlineage.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Duplicates are recognised by fingerprint, so the fingerprint of an event must not change between
 * versions: events stored before must still be found as duplicates.
 */
class EventFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCanonicalFormIsTheSortedTreeAsStoredFingerprintsWereMadeOf() throws Exception {
        List<Path> events;
        try (Stream<Path> files = Files.walk(Path.of(
                EventFingerprintTest.class.getResource("/corpus/marquez-events").toURI()))) {
            events = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(events).isNotEmpty();
        for (Path file : events) {
            JsonNode event = JSON.readTree(Files.readString(file));

            assertThat(EventFingerprint.canonical(JSON.writer(), event))
                    .as(file.toString())
                    .isEqualTo(JSON.writeValueAsString(sortedTree(event)));
        }
    }

    @Test
    void theSameEventWithItsKeysInAnotherOrderHasTheSameFingerprint() throws Exception {
        JsonNode one = JSON.readTree("{\"a\": 1, \"b\": {\"y\": [1, 2.5, null, true], \"x\": \"t\"}}");
        JsonNode other = JSON.readTree("{\"b\": {\"x\": \"t\", \"y\": [1, 2.5, null, true]}, \"a\": 1}");
        JsonNode different = JSON.readTree("{\"b\": {\"x\": \"t\", \"y\": [2.5, 1, null, true]}, \"a\": 1}");

        assertThat(EventFingerprint.of(JSON.writer(), one)).isEqualTo(EventFingerprint.of(JSON.writer(), other));
        assertThat(EventFingerprint.of(JSON.writer(), one)).isNotEqualTo(EventFingerprint.of(JSON.writer(), different));
    }

    /** How fingerprints were made before: a copy of the tree with every object's keys sorted. */
    private static JsonNode sortedTree(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                sorted.put(entry.getKey(), sortedTree(entry.getValue()));
            }
            ObjectNode object = JSON.createObjectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            var array = JSON.createArrayNode();
            node.forEach(element -> array.add(sortedTree(element)));
            return array;
        }
        return node;
    }
}

package dev.tessera.lineage.openlineage.service;

import java.util.List;
import java.util.UUID;

/**
 * What an ingest call did.
 *
 * @param accepted events stored now
 * @param duplicates events identical to one stored before, ignored
 * @param ids random ids of the events stored now, in the order sent (served at
 *     /api/v1/lineage/events/{id} to admins, governance officers and the sender)
 * @param unresolved ids of stored events with parts that could not be resolved (listed at /unresolved)
 */
public record IngestResult(int accepted, int duplicates, List<UUID> ids, List<UUID> unresolved) {

    /**
     * The result as the JSON the ingest endpoints answer with. Written directly: every ingest call
     * answers with one, and going through the object mapper cost more than the rest of the answer.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(64 + 40 * (ids.size() + unresolved.size()));
        json.append("{\"accepted\":")
                .append(accepted)
                .append(",\"duplicates\":")
                .append(duplicates);
        strings(json.append(",\"ids\":"), ids);
        strings(json.append(",\"unresolved\":"), unresolved);
        return json.append('}').toString();
    }

    private static void strings(StringBuilder json, List<UUID> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            // A UUID's text is hex digits and dashes: nothing to escape.
            json.append('"').append(values.get(i)).append('"');
        }
        json.append(']');
    }
}

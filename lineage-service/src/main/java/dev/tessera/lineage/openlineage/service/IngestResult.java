package dev.tessera.lineage.openlineage.service;

import java.util.List;

/**
 * What an ingest call did.
 *
 * @param accepted events stored now
 * @param duplicates events identical to one stored before, ignored
 * @param ids ids of the events stored now, in the order sent (served at /api/v1/lineage/events/{id})
 * @param unresolved ids of stored events with parts that could not be resolved (listed at /unresolved)
 */
public record IngestResult(int accepted, int duplicates, List<Long> ids, List<Long> unresolved) {

    /**
     * The result as the JSON the ingest endpoints answer with. Written directly: every ingest call
     * answers with one, and going through the object mapper cost more than the rest of the answer.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(64 + 12 * (ids.size() + unresolved.size()));
        json.append("{\"accepted\":")
                .append(accepted)
                .append(",\"duplicates\":")
                .append(duplicates);
        numbers(json.append(",\"ids\":"), ids);
        numbers(json.append(",\"unresolved\":"), unresolved);
        return json.append('}').toString();
    }

    private static void numbers(StringBuilder json, List<Long> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(values.get(i).longValue());
        }
        json.append(']');
    }
}

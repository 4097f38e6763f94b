package dev.tessera.lineage.support;

import java.util.UUID;

/** Small OpenLineage events for tests, each about names unique to the calling test. */
public final class OpenLineageEvents {

    public static final String PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.39.0/client/java";

    private OpenLineageEvents() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A run event of a job reading one dataset and writing another, in the same namespace. */
    public static String run(
            String eventType, String runId, String namespace, String job, String input, String output) {
        return """
                {"eventType": "%s", "eventTime": "2024-05-01T10:15:30.123Z",
                 "run": {"runId": "%s"},
                 "job": {"namespace": "%s", "name": "%s"},
                 "inputs": [{"namespace": "%s", "name": "%s"}],
                 "outputs": [{"namespace": "%s", "name": "%s"}],
                 "producer": "%s",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
                """.formatted(eventType, runId, namespace, job, namespace, input, namespace, output, PRODUCER);
    }
}

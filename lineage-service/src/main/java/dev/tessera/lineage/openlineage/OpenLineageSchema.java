package dev.tessera.lineage.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tessera.platform.http.problem.Problem;
import java.util.Comparator;
import java.util.List;

/**
 * The OpenLineage spec's JSON Schema (2-0-2, shipped under {@code openlineage/}), applied to each
 * incoming event. An event is checked against the one event shape it has (RunEvent, DatasetEvent or
 * JobEvent) rather than the spec's {@code oneOf}, so a problem names the field that fails instead of
 * three alternatives that all do.
 *
 * <p>Two deviations the reference server (Marquez) accepts are accepted here too, because
 * integrations in the field send them: a missing top-level {@code schemaURL}, and an
 * {@code eventTime} with nanoseconds or without an offset (the parser reads it, as UTC). Everything
 * else the schema requires is required.
 */
public final class OpenLineageSchema {

    private static final String SPEC = "https://openlineage.io/spec/2-0-2/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SPEC, "classpath:openlineage/")));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();

    private static final JsonSchema RUN_EVENT = load("RunEvent");
    private static final JsonSchema JOB_EVENT = load("JobEvent");
    private static final JsonSchema DATASET_EVENT = load("DatasetEvent");

    private OpenLineageSchema() {}

    /** Every way the event breaks the spec, each with its JSON pointer under {@code pointerPrefix}. */
    public static List<Problem.FieldError> validate(JsonNode event, String pointerPrefix) {
        // The shape the parser reads it as (OpenLineageParser.kindOf, the spec's own distinction).
        OpenLineageEvent.Kind kind = OpenLineageParser.kindOf(event);
        JsonSchema schema = kind == OpenLineageEvent.Kind.DATASET
                ? DATASET_EVENT
                : kind == OpenLineageEvent.Kind.JOB ? JOB_EVENT : RUN_EVENT;
        return schema.validate(event).stream()
                .filter(message -> !tolerated(message))
                .sorted(Comparator.comparing(
                        message -> message.getInstanceLocation().toString()))
                .map(message -> new Problem.FieldError(
                        pointerPrefix + message.getInstanceLocation().toString(), message.getError()))
                .distinct()
                .toList();
    }

    private static boolean tolerated(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) && at.isEmpty() && "schemaURL".equals(message.getProperty())) {
            return true;
        }
        return "format".equals(message.getType()) && at.equals("/eventTime");
    }

    private static JsonSchema load(String shape) {
        return FACTORY.getSchema(SchemaLocation.of(SPEC + "OpenLineage.json#/$defs/" + shape), CONFIG);
    }
}

package dev.tessera.lineage.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.lineage.openlineage.OpenLineageEvent.ColumnLineage;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Dataset;
import dev.tessera.lineage.openlineage.OpenLineageEvent.InputField;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Kind;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Name;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.standards.input.StorableInput;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads OpenLineage events as the spec (OpenLineage.json, 2-0-2) defines them, checking what the
 * graph relies on and reporting every problem with its JSON pointer.
 *
 * <p>Tolerant where the reference server (Marquez) is: {@code eventType} may be missing on run
 * events, {@code schemaURL} may be missing, {@code eventTime} may carry nanoseconds or no offset
 * (read as UTC). Strict where the graph would be wrong otherwise: job and dataset names, run ids
 * (UUIDs), and the shape of inputs, outputs and the column lineage facet; and, as {@link
 * QualityFacets} reads them, the quality facets governance is told about. Unknown fields and facets
 * are ignored here and kept in the stored raw event.
 */
public final class OpenLineageParser {

    private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final String prefix;
    private final QualityFacets quality = new QualityFacets(this::error);

    private OpenLineageParser(String prefix) {
        this.prefix = prefix;
    }

    /** Parses one event; the result, or the list of problems found, each naming its field. */
    public static Result parse(JsonNode event, String pointerPrefix) {
        OpenLineageParser parser = new OpenLineageParser(pointerPrefix);
        OpenLineageEvent parsed = parser.read(event);
        if (parser.errors.isEmpty()) {
            parser.quality.limitSize(parsed);
        }
        return parser.errors.isEmpty() ? new Result(parsed, List.of()) : new Result(null, List.copyOf(parser.errors));
    }

    /** A parsed event, or the problems that kept it from parsing. */
    public record Result(OpenLineageEvent event, List<Problem.FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private OpenLineageEvent read(JsonNode event) {
        if (event == null || !event.isObject()) {
            error("", "an OpenLineage event must be a JSON object");
            return null;
        }
        Instant eventTime = eventTime(event.get("eventTime"));
        if (!event.hasNonNull("producer") || !event.get("producer").isTextual()) {
            error("/producer", "producer is required: the URI of the integration that emitted the event");
        }
        Kind kind = kindOf(event);
        if (kind == null) {
            error(
                    "",
                    event.has("job") && event.has("dataset")
                            ? "an event with job and dataset but no run is both a JobEvent and a DatasetEvent of"
                                    + " the spec; add the run for a RunEvent, or send job and dataset as two events"
                            : "an OpenLineage event needs run and job (RunEvent), job (JobEvent) or dataset"
                                    + " (DatasetEvent)");
            return null;
        }
        if (kind == Kind.DATASET) {
            Dataset dataset = dataset(event.get("dataset"), "/dataset", null);
            return new OpenLineageEvent(
                    Kind.DATASET, null, eventTime, null, null, dataset, List.of(), List.of(), null, event);
        }
        Name job = name(event.get("job"), "/job", "job");
        List<Dataset> inputs = datasets(event.get("inputs"), "/inputs", "inputFacets");
        List<Dataset> outputs = datasets(event.get("outputs"), "/outputs", "outputFacets");
        if (kind == Kind.JOB) {
            return new OpenLineageEvent(Kind.JOB, null, eventTime, null, job, null, inputs, outputs, null, event);
        }
        String eventType = null;
        JsonNode type = event.get("eventType");
        if (type != null && !type.isNull()) {
            eventType = type.asText().toUpperCase(Locale.ROOT);
            if (!type.isTextual() || !EVENT_TYPES.contains(eventType)) {
                error(
                        "/eventType",
                        "eventType must be one of "
                                + EVENT_TYPES.stream().sorted().toList());
            }
        }
        String runId = runId(event.get("run"));
        List<QualityObservationV1.Assertion> tests = quality.runTests(event.get("run"));
        return new OpenLineageEvent(Kind.RUN, eventType, eventTime, runId, job, null, inputs, outputs, tests, event);
    }

    /**
     * Which of the spec's three shapes an event has, as the spec's {@code oneOf} tells them apart: a
     * RunEvent requires run and job, a JobEvent requires job and forbids run, a DatasetEvent requires
     * dataset and forbids run and job together. So run and job make a RunEvent whatever else is there
     * (a {@code dataset} beside them is an extra property of that RunEvent, kept in the raw event), and
     * run with a dataset but no job is a DatasetEvent. Job and dataset without run match both JobEvent
     * and DatasetEvent, which the spec's {@code oneOf} refuses: null, as for an event with none of
     * them. An event with run alone is read as a RunEvent, so the problem names the missing job.
     */
    public static Kind kindOf(JsonNode event) {
        boolean run = event.has("run");
        boolean job = event.has("job");
        boolean dataset = event.has("dataset");
        if (run && job) {
            return Kind.RUN;
        }
        if (dataset) {
            return job ? null : Kind.DATASET;
        }
        if (job) {
            return Kind.JOB;
        }
        return run ? Kind.RUN : null;
    }

    private Instant eventTime(JsonNode node) {
        if (node == null || node.isNull() || !node.isTextual()) {
            error("/eventTime", "eventTime is required: an ISO-8601 date-time such as 2024-05-01T10:15:30.123Z");
            return null;
        }
        String text = node.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                // The reference server reads a time without offset as UTC; so does Tessera.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                error("/eventTime", "eventTime '" + text + "' is not an ISO-8601 date-time");
                return null;
            }
        }
    }

    private String runId(JsonNode run) {
        if (!run.isObject()) {
            error("/run", "run must be an object with a runId");
            return null;
        }
        JsonNode runId = run.get("runId");
        if (runId == null || !runId.isTextual()) {
            error("/run/runId", "run.runId is required: a UUID");
            return null;
        }
        try {
            return UUID.fromString(runId.asText()).toString();
        } catch (IllegalArgumentException e) {
            error("/run/runId", "run.runId '" + runId.asText() + "' is not a UUID");
            return null;
        }
    }

    private List<Dataset> datasets(JsonNode node, String path, String roleFacets) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error(path, path.substring(1) + " must be an array of datasets");
            return List.of();
        }
        List<Dataset> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Dataset dataset = dataset(node.get(i), path + "/" + i, roleFacets);
            if (dataset != null) {
                result.add(dataset);
            }
        }
        return result;
    }

    /** A dataset; {@code roleFacets} names its input or output facets, null for a dataset event's. */
    private Dataset dataset(JsonNode node, String path, String roleFacets) {
        Name name = name(node, path, "dataset");
        if (name == null) {
            return null;
        }
        JsonNode facets = node.get("facets");
        if (facets != null && !facets.isNull() && !facets.isObject()) {
            error(path + "/facets", "facets must be an object keyed by facet name");
            return null;
        }
        List<Name> symlinks = new ArrayList<>();
        List<ColumnLineage> columns = new ArrayList<>();
        if (facets != null && facets.isObject()) {
            symlinks(facets.get("symlinks"), path + "/facets/symlinks", symlinks);
            columnLineage(facets.get("columnLineage"), path + "/facets/columnLineage", columns);
        }
        return new Dataset(name, List.copyOf(symlinks), List.copyOf(columns), quality.dataset(node, path, roleFacets));
    }

    private void symlinks(JsonNode facet, String path, List<Name> into) {
        if (facet == null || facet.isNull()) {
            return;
        }
        JsonNode identifiers = facet.get("identifiers");
        if (identifiers == null || !identifiers.isArray()) {
            error(path + "/identifiers", "the symlinks facet needs an identifiers array");
            return;
        }
        for (int i = 0; i < identifiers.size(); i++) {
            Name name = name(identifiers.get(i), path + "/identifiers/" + i, "symlink");
            if (name != null) {
                into.add(name);
            }
        }
    }

    private void columnLineage(JsonNode facet, String path, List<ColumnLineage> into) {
        if (facet == null || facet.isNull()) {
            return;
        }
        JsonNode fields = facet.get("fields");
        if (fields == null || !fields.isObject()) {
            error(path + "/fields", "the column lineage facet needs a fields object keyed by output field");
            return;
        }
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            String fieldPath = path + "/fields/" + escape(entry.getKey());
            if (!storable(entry.getKey())) {
                error(fieldPath, UNSTORABLE);
                continue;
            }
            JsonNode inputFields = entry.getValue().get("inputFields");
            if (inputFields == null || !inputFields.isArray()) {
                error(fieldPath + "/inputFields", "each column lineage field needs an inputFields array");
                continue;
            }
            String legacy = entry.getValue().path("transformationType").asText("");
            List<InputField> inputs = new ArrayList<>();
            for (int i = 0; i < inputFields.size(); i++) {
                JsonNode input = inputFields.get(i);
                String inputPath = fieldPath + "/inputFields/" + i;
                Name dataset = name(input, inputPath, "input field");
                JsonNode field = input == null ? null : input.get("field");
                if (field == null || !field.isTextual() || field.asText().isBlank()) {
                    error(inputPath + "/field", "an input field needs its field name");
                    continue;
                }
                if (!storable(field.asText())) {
                    error(inputPath + "/field", UNSTORABLE);
                    continue;
                }
                if (dataset == null) {
                    continue;
                }
                for (String transformation : transformations(input.get("transformations"), legacy)) {
                    inputs.add(new InputField(dataset, field.asText(), transformation));
                }
            }
            into.add(new ColumnLineage(entry.getKey(), List.copyOf(inputs)));
        }
    }

    /**
     * DIRECT and/or INDIRECT for one input field. Facets older than 1-1-0 carry only the field-level
     * {@code transformationType} (IDENTITY, MASKED), both direct derivations.
     */
    private static List<String> transformations(JsonNode transformations, String legacy) {
        List<String> types = new ArrayList<>();
        if (transformations != null && transformations.isArray()) {
            for (JsonNode t : transformations) {
                String type = t.path("type").asText("").toUpperCase(Locale.ROOT);
                if ((type.equals("DIRECT") || type.equals("INDIRECT")) && !types.contains(type)) {
                    types.add(type);
                }
            }
        }
        if (types.isEmpty()) {
            types.add(legacy.isEmpty() || !legacy.equalsIgnoreCase("INDIRECT") ? "DIRECT" : "INDIRECT");
        }
        return types;
    }

    private Name name(JsonNode node, String path, String what) {
        if (node == null || !node.isObject()) {
            error(path, what + " must be an object with namespace and name");
            return null;
        }
        String namespace = text(node, "namespace", path, what);
        String name = text(node, "name", path, what);
        return namespace == null || name == null ? null : new Name(namespace, name);
    }

    private String text(JsonNode node, String field, String path, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            error(path + "/" + field, what + " " + field + " is required and must be a non-empty string");
            return null;
        }
        if (!storable(value.asText())) {
            error(path + "/" + field, UNSTORABLE);
            return null;
        }
        return value.asText();
    }

    private static final String UNSTORABLE = StorableInput.UNSTORABLE_TEXT;

    /**
     * Whether a name survives the round trip through PostgreSQL unchanged, so that the name read back
     * still matches the one the graph is keyed by.
     */
    private static boolean storable(String text) {
        return StorableInput.storable(text);
    }

    private void error(String pointer, String message) {
        errors.add(new Problem.FieldError(prefix + pointer, message));
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}

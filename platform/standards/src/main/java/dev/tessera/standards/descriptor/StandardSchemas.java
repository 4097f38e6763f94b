package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tessera.standards.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates documents against the bundled Open Data Product Standard v1.0.0 and Open Data Contract Standard v3.1.0 JSON
 * Schemas, reporting each problem with a JSON Pointer into the document.
 *
 * <p>Loading the schemas is the expensive part; create once and share (validation is thread-safe).
 */
public final class StandardSchemas {

    static final String ODPS_RESOURCE = "/standards/odps-json-schema-v1.0.0.json";
    static final String ODCS_RESOURCE = "/standards/odcs-json-schema-v3.1.0.json";

    /** Keywords whose message concerns a named member; the path then points at that member, not its parent. */
    private static final String UNEVALUATED = "unevaluatedProperties";

    private static final Set<String> MEMBER_KEYWORDS = Set.of("required", "additionalProperties", UNEVALUATED);

    private final JsonNode odpsSchemaNode;
    private final JsonNode odcsSchemaNode;
    private final JsonSchema odpsSchema;
    private final JsonSchema odcsSchema;

    public StandardSchemas() {
        ObjectMapper mapper = new ObjectMapper();
        this.odpsSchemaNode = load(mapper, ODPS_RESOURCE);
        this.odcsSchemaNode = load(mapper, ODCS_RESOURCE);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // 2019-09 treats "format" as an annotation by default; we want bad URIs and dates reported.
                .formatAssertionsEnabled(true)
                .build();
        this.odpsSchema = factory.getSchema(odpsSchemaNode, config);
        this.odcsSchema = factory.getSchema(odcsSchemaNode, config);
    }

    /** Violations of the ODPS v1.0.0 schema, ordered by path; empty when the document is valid. */
    public List<Violation> validateOdps(JsonNode odpsDocument) {
        return validate(odpsSchema, odpsDocument);
    }

    /** Violations of the ODCS v3.1.0 schema, ordered by path; empty when the document is valid. */
    public List<Violation> validateOdcs(JsonNode odcsDocument) {
        return validate(odcsSchema, odcsDocument);
    }

    /** The raw ODPS schema, for schema-driven transformations such as {@link CustomPropertiesNormaliser}. */
    JsonNode odpsSchemaNode() {
        return odpsSchemaNode;
    }

    /** The raw ODCS schema, for schema-driven transformations such as {@link CustomPropertiesNormaliser}. */
    JsonNode odcsSchemaNode() {
        return odcsSchemaNode;
    }

    private static List<Violation> validate(JsonSchema schema, JsonNode document) {
        if (document == null || document.isMissingNode()) {
            return List.of(new Violation("", "A document is required."));
        }
        Set<ValidationMessage> messages = schema.validate(document);
        // When anything inside an object fails, the validator may drop that object's evaluated-property annotations and
        // then call every field, even declared ones, "not evaluated". Those follow-up complaints only mislead, so they
        // are reported only for objects with no other problem in or below them; a truly unknown field then shows up
        // once the other problems are fixed.
        Set<String> failedObjects = new HashSet<>();
        for (ValidationMessage message : messages) {
            if (!UNEVALUATED.equals(message.getType())) {
                String path = message.getInstanceLocation().toString();
                for (int slash = path.length(); slash >= 0; slash = path.lastIndexOf('/', slash - 1)) {
                    failedObjects.add(path.substring(0, slash));
                    if (slash == 0) {
                        break;
                    }
                }
            }
        }
        // Nested unevaluatedProperties keywords cascade the same way: once the innermost one rejects a field, the outer
        // ones reject every field. A field is really unknown only if every such keyword on its object rejects it.
        Map<String, Map<String, Set<String>>> rejectedByKeyword = new HashMap<>();
        for (ValidationMessage message : messages) {
            if (UNEVALUATED.equals(message.getType()) && message.getProperty() != null) {
                rejectedByKeyword
                        .computeIfAbsent(message.getInstanceLocation().toString(), object -> new HashMap<>())
                        .computeIfAbsent(message.getEvaluationPath().toString(), keyword -> new HashSet<>())
                        .add(message.getProperty());
            }
        }
        // oneOf/anyOf branches often repeat the same complaint; report each once.
        Set<Violation> violations = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            if (!UNEVALUATED.equals(message.getType())) {
                violations.add(toViolation(message));
                continue;
            }
            String object = message.getInstanceLocation().toString();
            boolean rejectedByAll = rejectedByKeyword.getOrDefault(object, Map.of()).values().stream()
                    .allMatch(rejected -> rejected.contains(message.getProperty()));
            if (!failedObjects.contains(object) && rejectedByAll) {
                violations.add(toViolation(message));
            }
        }
        if (violations.isEmpty()) {
            // Never call an invalid document valid, even if the filters above were too eager.
            messages.forEach(message -> violations.add(toViolation(message)));
        }
        return violations.stream()
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
                .toList();
    }

    private static Violation toViolation(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        if (MEMBER_KEYWORDS.contains(message.getType()) && message.getProperty() != null) {
            path = path + "/" + escape(message.getProperty());
        }
        String text = message.getError() != null ? message.getError() : message.getMessage();
        return new Violation(path, text);
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode load(ObjectMapper mapper, String resource) {
        try (InputStream in = StandardSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema " + resource + " is missing from the classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read schema " + resource, e);
        }
    }
}

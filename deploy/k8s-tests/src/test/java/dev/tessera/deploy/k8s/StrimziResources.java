package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Rendered Strimzi custom resources read with Strimzi's own model classes, strictly: the model keeps
 * fields it does not know instead of refusing them, and maps an unknown enum value to nothing, so
 * both are reported here. A misspelt {@code operations} or an ACL operation {@code Wirte} fails
 * offline rather than being ignored by the operator.
 */
final class StrimziResources {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private StrimziResources() {}

    /** One resource in Strimzi's model, with what the model could not take from it. */
    record Parsed<T>(T resource, List<String> problems) {}

    static <T> Parsed<T> parse(HasMetadata object, Class<T> type) {
        String where = object.getKind() + " " + object.getMetadata().getName();
        JsonNode tree = ManifestPolicies.tree(object);
        T resource;
        try {
            resource = MAPPER.treeToValue(tree, type);
        } catch (Exception e) {
            return new Parsed<>(
                    null, List.of(where + " is not a valid " + type.getSimpleName() + ": " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(resource, where, problems);
        lostValues(tree.path("spec"), MAPPER.valueToTree(resource).path("spec"), where + " spec", problems);
        return new Parsed<>(resource, problems);
    }

    /** Fields the model kept aside because it has no property for them. */
    private static void unknownFields(Object node, String where, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> elements) {
            elements.forEach(e -> unknownFields(e, where, problems));
            return;
        }
        if (!node.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        if (node instanceof UnknownPropertyPreserving preserving
                && preserving.getAdditionalProperties() != null
                && !preserving.getAdditionalProperties().isEmpty()) {
            problems.add(where + " has fields Strimzi does not know in "
                    + node.getClass().getSimpleName() + ": "
                    + preserving.getAdditionalProperties().keySet());
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() == 0
                    && !Modifier.isStatic(getter.getModifiers())
                    && (getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    && !getter.getName().equals("getClass")
                    && !getter.getName().equals("getAdditionalProperties")
                    && !Map.class.isAssignableFrom(getter.getReturnType())) {
                try {
                    unknownFields(getter.invoke(node), where, problems);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    // a computed getter the model cannot answer; its fields are checked through the others
                }
            }
        }
    }

    /**
     * Values of the manifest that did not survive the model: an unknown enum value in a list (an ACL's
     * operations) becomes null, and an object the model dropped is gone. A single scalar field that is
     * missing after the round trip is not reported: the model leaves out fields at their default
     * (the Kafka Exporter's {@code groupRegex: ".*"}), which cannot be told apart from an unknown one.
     */
    private static void lostValues(JsonNode written, JsonNode read, String where, List<String> problems) {
        if (written.isObject()) {
            written.properties().forEach(field -> {
                boolean lost = read.path(field.getKey()).isMissingNode()
                        || read.path(field.getKey()).isNull();
                if (lost && field.getValue().isValueNode()) {
                    return;
                }
                if (lost) {
                    problems.add(
                            where + "." + field.getKey() + " = " + field.getValue() + " is not understood by Strimzi");
                } else {
                    lostValues(field.getValue(), read.get(field.getKey()), where + "." + field.getKey(), problems);
                }
            });
        } else if (written.isArray()) {
            for (int i = 0; i < written.size(); i++) {
                if (read.path(i).isMissingNode() || read.path(i).isNull()) {
                    problems.add(where + "[" + i + "] = " + written.get(i) + " is not understood by Strimzi");
                } else {
                    lostValues(written.get(i), read.get(i), where + "[" + i + "]", problems);
                }
            }
        }
    }
}

package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a kustomization the way {@code kubectl kustomize} does, for the small subset of Kustomize
 * that deploy/k8s is written in, so the manifests can be checked on a machine that has a JDK and
 * nothing else. Supported: {@code resources} (files and directories), {@code namespace},
 * {@code labels} (metadata only), {@code images} and {@code patches} holding inline JSON 6902
 * operations with a {@code target}. Any other field fails the build loudly: an overlay that reaches
 * beyond the subset must extend this class (and the equivalence test keeps the two honest).
 */
final class Kustomize {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");

    /** Kinds that have no namespace; Kustomize leaves them alone when it sets one. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "IngressClass",
            "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration");

    private Kustomize() {}

    /** The objects the kustomization in {@code directory} produces, in accumulation order. */
    static List<ObjectNode> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new KustomizeException("no kustomization.yaml in " + directory);
        }
        JsonNode kustomization = read(file).getFirst();
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new KustomizeException(
                        file + ": '" + field + "' is outside the Kustomize subset deploy/k8s is written in");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else {
                objects.addAll(read(path));
            }
        }
        // Kustomize's order of built-in transformers: patches, namespace, labels, images.
        for (JsonNode patch : kustomization.path("patches")) {
            patch(objects, patch, file);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.stream()
                    .filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> metadata(o).put("namespace", namespace));
        }
        for (JsonNode label : kustomization.path("labels")) {
            if (label.path("includeSelectors").asBoolean(false)
                    || label.path("includeTemplates").asBoolean(false)) {
                throw new KustomizeException(file + ": labels may only set metadata labels here");
            }
            for (Map.Entry<String, JsonNode> pair : label.path("pairs").properties()) {
                objects.forEach(
                        o -> labels(o).put(pair.getKey(), pair.getValue().asText()));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(o -> retag(o, image));
        }
        return objects;
    }

    private static void patch(List<ObjectNode> objects, JsonNode patch, Path file) {
        if (patch.has("path") || !patch.has("patch") || !patch.has("target")) {
            throw new KustomizeException(file + ": a patch must be inline ('patch') with a 'target'");
        }
        JsonNode operations;
        try {
            operations = YAML.readTree(patch.get("patch").asText());
        } catch (IOException e) {
            throw new KustomizeException(file + ": unreadable patch", e);
        }
        JsonNode target = patch.get("target");
        for (String field : List.of("labelSelector", "annotationSelector")) {
            if (target.has(field)) {
                throw new KustomizeException(file + ": patch targets by " + field + " are not supported");
            }
        }
        int matched = 0;
        for (ObjectNode object : objects) {
            if (matches(target, object)) {
                JsonPatch.apply(object, operations);
                matched++;
            }
        }
        if (matched == 0) {
            throw new KustomizeException(file + ": patch target " + target + " matches nothing");
        }
    }

    private static boolean matches(JsonNode target, ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return matches(target, "kind", object.path("kind").asText())
                && matches(target, "name", object.path("metadata").path("name").asText())
                && matches(
                        target,
                        "namespace",
                        object.path("metadata").path("namespace").asText())
                && matches(target, "group", group)
                && matches(target, "version", version);
    }

    /** Kustomize reads every target field as a regular expression over the whole value. */
    private static boolean matches(JsonNode target, String field, String value) {
        return !target.has(field) || Pattern.matches(target.get(field).asText(), value);
    }

    /** Sets newName/newTag on every container whose image is the one named, wherever containers are. */
    private static void retag(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        if (container instanceof ObjectNode c && c.has("image")) {
                            c.put("image", retag(c.get("image").asText(), image));
                        }
                    }
                } else {
                    retag(field.getValue(), image);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> retag(element, image));
        }
    }

    private static String retag(String current, JsonNode image) {
        if (image.has("digest")) {
            throw new KustomizeException("image digests are not supported by this renderer");
        }
        ImageRef ref = ImageRef.parse(current);
        if (!ref.name().equals(image.path("name").asText())) {
            return current;
        }
        String name = image.path("newName").asText(ref.name());
        String tag = image.has("newTag") ? image.get("newTag").asText() : ref.tag();
        return tag == null ? name : name + ":" + tag;
    }

    /** Every YAML document in {@code file}, skipping empty ones. */
    static List<ObjectNode> read(Path file) {
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<ObjectNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object) {
                    objects.add(object);
                } else if (document != null && !document.isNull() && !document.isMissingNode()) {
                    throw new KustomizeException(file + ": a document that is not an object");
                }
            }
            return objects;
        } catch (IOException e) {
            throw new KustomizeException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }

    private static ObjectNode labels(ObjectNode object) {
        ObjectNode metadata = metadata(object);
        return metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    }
}

package dev.tessera.deploy.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Broken copies of a rendering, for the tests that prove a check can fail. */
final class Mutations {

    private Mutations() {}

    /** A copy of the dev overlay's Java rendering. */
    static List<HasMetadata> devCopy() {
        return new ArrayList<>(Renderings.copy(Renderings.java("overlays/dev")));
    }

    /** Changes the one object of that kind and name in place; fails if there is none. */
    static <T extends HasMetadata> List<HasMetadata> change(
            List<HasMetadata> objects, Class<T> type, String name, Consumer<T> change) {
        T target = objects.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
        change.accept(target);
        return objects;
    }

    /** Changes the one custom resource of that kind and name in place. */
    static List<HasMetadata> changeCustom(
            List<HasMetadata> objects, String kind, String name, Consumer<Map<String, Object>> changeSpec) {
        GenericKubernetesResource target = ManifestPolicies.custom(objects, kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) target.getAdditionalProperties().get("spec");
        changeSpec.accept(spec);
        return objects;
    }

    /** Removes the objects of that kind and name. */
    static List<HasMetadata> remove(List<HasMetadata> objects, String kind, String name) {
        List<HasMetadata> kept = new ArrayList<>(objects);
        if (!kept.removeIf(ManifestPolicies.named(kind, name))) {
            throw new AssertionError("no " + kind + " " + name);
        }
        return kept;
    }
}

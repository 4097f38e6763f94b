package dev.tessera.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The rendered kustomizations under deploy/k8s, parsed into fabric8 Kubernetes model objects (typed
 * for built-in kinds, {@code GenericKubernetesResource} for custom resources). Each rendering is
 * made once per test JVM.
 */
final class Renderings {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<HasMetadata>> JAVA = new ConcurrentHashMap<>();
    private static final Map<String, Optional<List<HasMetadata>>> KUBECTL = new ConcurrentHashMap<>();

    private Renderings() {}

    /** A kustomization and the objects one renderer made of it. */
    record Rendering(String kustomization, String renderer, List<HasMetadata> objects) {
        @Override
        public String toString() {
            return kustomization + " (" + renderer + ")";
        }
    }

    /** The repository's root: the nearest ancestor of the working directory holding deploy/k8s. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s/base"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no deploy/k8s/base above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path k8s() {
        return repositoryRoot().resolve("deploy/k8s");
    }

    /** The base and every overlay, as paths relative to deploy/k8s ("base", "overlays/dev", ...). */
    static List<String> kustomizations() {
        List<String> all = new ArrayList<>(List.of("base"));
        try (Stream<Path> overlays = Files.list(k8s().resolve("overlays"))) {
            overlays.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml")))
                    .map(p -> "overlays/" + p.getFileName())
                    .sorted()
                    .forEach(all::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /** What this module's renderer makes of a kustomization. */
    static List<HasMetadata> java(String kustomization) {
        return JAVA.computeIfAbsent(kustomization, k -> Kustomize.build(k8s().resolve(k)).stream()
                .map(Renderings::toModel)
                .toList());
    }

    /** What {@code kubectl kustomize} makes of it, when kubectl is installed. */
    static Optional<List<HasMetadata>> kubectl(String kustomization) {
        return KUBECTL.computeIfAbsent(kustomization, k -> kubectlPath().map(kubectl -> runKubectl(kubectl, k)));
    }

    /** Every rendering the policy tests check: the Java renderer's always, kubectl's where it exists. */
    static Stream<Rendering> all() {
        List<Rendering> all = new ArrayList<>();
        for (String k : kustomizations()) {
            all.add(new Rendering(k, "java", java(k)));
            kubectl(k).ifPresent(objects -> all.add(new Rendering(k, "kubectl", objects)));
        }
        return all.stream();
    }

    /**
     * The kubectl to compare with: {@code -Dtessera.kubectl=/path/to/kubectl}, or {@code none} to check
     * as on a machine with only a JDK; otherwise the first one on the PATH.
     */
    static Optional<Path> kubectlPath() {
        String chosen = System.getProperty("tessera.kubectl", "");
        if (chosen.equals("none")) {
            return Optional.empty();
        }
        if (!chosen.isBlank()) {
            return Optional.of(Path.of(chosen));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Parses one rendered object with the Kubernetes model; fails on anything the model refuses. */
    static HasMetadata toModel(JsonNode object) {
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.unmarshal(JSON.writeValueAsString(object), KubernetesResource.class);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("not a valid Kubernetes object: " + object, e);
        }
        if (!(resource instanceof HasMetadata hasMetadata)) {
            throw new AssertionError("not a Kubernetes object with metadata: " + object);
        }
        return hasMetadata;
    }

    /** Deep copies, for tests that break an object to prove a check notices. */
    static List<HasMetadata> copy(List<HasMetadata> objects) {
        return objects.stream().map(SERIALIZATION::clone).toList();
    }

    private static List<HasMetadata> runKubectl(Path kubectl, String kustomization) {
        return parse(kubectlKustomize(kubectl, kustomization));
    }

    /** The YAML stream {@code kubectl kustomize} prints for a kustomization, as it printed it. */
    static byte[] kubectlKustomize(Path kubectl, String kustomization) {
        try {
            Process process = new ProcessBuilder(
                            kubectl.toString(),
                            "kustomize",
                            k8s().resolve(kustomization).toString())
                    .redirectErrorStream(false)
                    .start();
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readAllBytes();
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running kubectl", e);
        }
    }

    /** Every object of a multi-document YAML stream, parsed with the Kubernetes model. */
    static List<HasMetadata> parse(byte[] yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                Kustomize.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject()) {
                    objects.add(toModel(document));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("not a YAML stream", e);
        }
        return objects;
    }
}

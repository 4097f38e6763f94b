package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * This module's Kustomize renderer against the reference: every kustomization under deploy/k8s is
 * compared with what {@code kubectl kustomize} made of it, checked in under
 * {@code src/test/resources/kustomize-golden/}, so the comparison runs the same on every machine and
 * needs no kubectl.
 *
 * <p>After changing anything under deploy/k8s, regenerate the expected renderings with kubectl (on the
 * PATH, or {@code -Dtessera.kubectl=/path/to/kubectl}) and review their diff before committing:
 *
 * <pre>
 * ./mvnw -B -ntp -pl deploy/k8s-tests -am verify -Dtest=KustomizeRendererTest -Dsurefire.failIfNoSpecifiedTests=false -Dk8s.golden.update=true
 * </pre>
 */
class KustomizeRendererTest {

    static final String UPDATE_PROPERTY = "k8s.golden.update";

    static final String UPDATE_COMMAND = "./mvnw -B -ntp -pl deploy/k8s-tests -am verify -Dtest=KustomizeRendererTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

    private static final boolean UPDATE_GOLDEN = Boolean.getBoolean(UPDATE_PROPERTY);

    static List<String> kustomizations() {
        return Renderings.kustomizations();
    }

    /** With {@code -Dk8s.golden.update=true}: replaces every expected rendering with kubectl's. */
    @BeforeAll
    static void regenerateTheExpectedRenderingsWhenAsked() throws IOException {
        if (!UPDATE_GOLDEN) {
            return;
        }
        Path kubectl = Renderings.kubectlPath()
                .orElseThrow(() -> new AssertionError("-D" + UPDATE_PROPERTY
                        + "=true renders with kubectl kustomize: put kubectl on the PATH or pass"
                        + " -Dtessera.kubectl=/path/to/kubectl"));
        Files.createDirectories(goldenDirectory());
        try (Stream<Path> old = Files.list(goldenDirectory())) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (String kustomization : kustomizations()) {
            Files.write(golden(kustomization), Renderings.kubectlKustomize(kubectl, kustomization));
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyKustomizationRendersToObjectsTheKubernetesModelAccepts(String kustomization) {
        List<HasMetadata> objects = Renderings.java(kustomization);

        assertThat(objects).isNotEmpty();
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getApiVersion()).isNotBlank();
            assertThat(o.getMetadata().getName()).isNotBlank();
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "tessera");
        });
        assertThat(objects.stream().map(KustomizeRendererTest::id)).doesNotHaveDuplicates();
        assertThat(ManifestPolicies.of(objects, Deployment.class)).hasSizeGreaterThanOrEqualTo(5);
        if (kustomization.startsWith("overlays/")) {
            assertThat(objects)
                    .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNotBlank());
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theJavaRendererBuildsWhatKubectlKustomizeBuilds(String kustomization) throws IOException {
        Path golden = golden(kustomization);
        assertThat(golden)
                .as("the expected rendering of %s; make it with %s", kustomization, UPDATE_COMMAND)
                .exists();

        Map<String, HasMetadata> java = byId(Renderings.java(kustomization));
        Map<String, HasMetadata> expected = byId(Renderings.parse(Files.readAllBytes(golden)));

        assertThat(java.keySet())
                .as(
                        "objects of %s against %s; if deploy/k8s changed on purpose, run %s and review the diff",
                        kustomization, golden.getFileName(), UPDATE_COMMAND)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        java.forEach((id, object) -> assertThat(object)
                .as(
                        "%s in %s; if deploy/k8s changed on purpose, run %s and review the diff",
                        id, kustomization, UPDATE_COMMAND)
                .isEqualTo(expected.get(id)));
    }

    @Test
    void everyExpectedRenderingBelongsToAKustomization() throws IOException {
        List<Path> expected =
                kustomizations().stream().map(KustomizeRendererTest::golden).toList();
        try (Stream<Path> files = Files.list(goldenDirectory())) {
            assertThat(files.toList())
                    .as("expected renderings without a kustomization; delete them")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void refusesKustomizeFeaturesOutsideItsSubset(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: []
                configMapGenerator:
                  - name: settings
                    literals: [A=1]
                """);

        assertThatThrownBy(() -> Kustomize.build(dir))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("'configMapGenerator' is outside the Kustomize subset");
    }

    @Test
    void refusesAPatchThatMatchesNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  A: "1"
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [cm.yaml]
                patches:
                  - target:
                      kind: ConfigMap
                      name: setting
                    patch: |-
                      - op: replace
                        path: /data/A
                        value: "2"
                """);

        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches nothing");
    }

    @Test
    void appliesPatchesNamespaceLabelsAndImagesLikeKustomize(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: example/web
                          env:
                            - {name: A, value: "1"}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: shop
                labels:
                  - pairs: {team: orders}
                resources: [deployment.yaml]
                images:
                  - name: example/web
                    newName: registry.example.com/web
                    newTag: "2.0"
                patches:
                  - target: {kind: Deploy.*, name: w.b}
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/env/-
                        value: {name: B, value: "2"}
                      - op: remove
                        path: /spec/template/spec/containers/0/env/0
                """);

        Deployment web = (Deployment) Renderings.toModel(Kustomize.build(dir).getFirst());

        assertThat(web.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(web.getMetadata().getLabels()).containsEntry("team", "orders");
        assertThat(web.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
        var container = web.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example.com/web:2.0");
        assertThat(container.getEnv()).extracting(e -> e.getName()).containsExactly("B");
        // What kubectl kustomize (v5.5.0) printed for the same directory.
        assertThat(web)
                .isEqualTo(
                        Renderings.parse("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          labels:
                            team: orders
                          name: web
                          namespace: shop
                        spec:
                          selector:
                            matchLabels:
                              app: web
                          template:
                            metadata:
                              labels:
                                app: web
                            spec:
                              containers:
                              - env:
                                - name: B
                                  value: "2"
                                image: registry.example.com/web:2.0
                                name: web
                        """.getBytes(StandardCharsets.UTF_8)).getFirst());
    }

    /** The checked-in rendering of a kustomization: base.yaml, overlays-dev.yaml, ... */
    private static Path golden(String kustomization) {
        return goldenDirectory().resolve(kustomization.replace('/', '-') + ".yaml");
    }

    private static Path goldenDirectory() {
        return Renderings.repositoryRoot().resolve("deploy/k8s-tests/src/test/resources/kustomize-golden");
    }

    private static Map<String, HasMetadata> byId(List<HasMetadata> objects) {
        return objects.stream().collect(Collectors.toMap(KustomizeRendererTest::id, Function.identity()));
    }

    private static String id(HasMetadata o) {
        return o.getApiVersion() + "/" + o.getKind() + "/" + o.getMetadata().getNamespace() + "/"
                + o.getMetadata().getName();
    }
}

package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KustomizeRendererTest {

    static List<String> kustomizations() {
        return Renderings.kustomizations();
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
    void theJavaRendererBuildsWhatKubectlKustomizeBuilds(String kustomization) {
        assumeTrue(
                Renderings.kubectlPath().isPresent(), "kubectl is not installed; the Java rendering is checked alone");

        Map<String, HasMetadata> java = byId(Renderings.java(kustomization));
        Map<String, HasMetadata> kubectl =
                byId(Renderings.kubectl(kustomization).orElseThrow());

        assertThat(java.keySet()).containsExactlyInAnyOrderElementsOf(kubectl.keySet());
        java.forEach((id, object) -> assertThat(object).as(id).isEqualTo(kubectl.get(id)));
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
        if (Renderings.kubectlPath().isPresent()) {
            assertThat(web).isEqualTo(kubectlBuild(dir));
        }
    }

    private static HasMetadata kubectlBuild(Path dir) throws IOException {
        try {
            Process process = new ProcessBuilder(
                            Renderings.kubectlPath().orElseThrow().toString(), "kustomize", dir.toString())
                    .start();
            String out = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).isZero();
            return Renderings.toModel(Kustomize.YAML.readTree(out));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, HasMetadata> byId(List<HasMetadata> objects) {
        return objects.stream().collect(Collectors.toMap(KustomizeRendererTest::id, Function.identity()));
    }

    private static String id(HasMetadata o) {
        return o.getApiVersion() + "/" + o.getKind() + "/" + o.getMetadata().getNamespace() + "/"
                + o.getMetadata().getName();
    }
}

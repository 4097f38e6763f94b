package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAndSecretPolicyTest {

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyImageIsPinnedToAVersion(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.pinnedImages(rendering.objects())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void noSecretValueIsInTheRepository(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.noSecretValues(rendering.objects())).isEmpty();
    }

    @Test
    void latestAndUntaggedImagesAreReported() {
        List<HasMetadata> broken = Mutations.devCopy();
        Mutations.change(broken, Deployment.class, "gateway", d -> d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setImage("ghcr.io/tessera-dev/gateway:latest"));
        Mutations.change(broken, Deployment.class, "lineage-service", d -> d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setImage("ghcr.io/tessera-dev/lineage-service"));
        Mutations.changeCustom(
                broken, "Keycloak", "keycloak", spec -> spec.put("image", "quay.io/keycloak/keycloak:latest"));

        assertThat(ManifestPolicies.pinnedImages(broken))
                .containsExactlyInAnyOrder(
                        "Deployment gateway uses image ghcr.io/tessera-dev/gateway:latest, which is not pinned to a version",
                        "Deployment lineage-service uses image ghcr.io/tessera-dev/lineage-service, which is not pinned to a version",
                        "Keycloak keycloak uses image quay.io/keycloak/keycloak:latest, which is not pinned to a version");
    }

    @Test
    void aDigestPinsAnImageAndARegistryPortIsNoTag() {
        assertThat(ImageRef.parse("registry.local:5000/tessera/gateway@sha256:abc")
                        .pinned())
                .isTrue();
        assertThat(ImageRef.parse("registry.local:5000/tessera/gateway").pinned())
                .isFalse();
    }

    @Test
    void aCommittedSecretOrAPlainPasswordIsReported() {
        List<HasMetadata> broken = new ArrayList<>(Mutations.devCopy());
        broken.add(new SecretBuilder()
                .withNewMetadata()
                .withName("db-credentials")
                .endMetadata()
                .addToStringData("password", "hunter2")
                .build());
        Mutations.change(broken, Deployment.class, "product-registry-service", d -> d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv()
                .add(new EnvVar("TESSERA_REGISTRY_DB_PASSWORD", "hunter2", null)));

        assertThat(ManifestPolicies.noSecretValues(broken))
                .containsExactlyInAnyOrder(
                        "Secret db-credentials has its values in the repository",
                        "Deployment product-registry-service sets TESSERA_REGISTRY_DB_PASSWORD as a plain value");
    }
}

package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadPolicyTest {

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentHasProbesResourcesAndALockedDownSecurityContext(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.workloadHardening(rendering.objects())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentComesWithServiceAccountServiceBudgetAutoscalerAndNetworkPolicy(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.workloadCompanions(rendering.objects())).isEmpty();
    }

    @Test
    void aDeploymentWithoutAReadinessProbeIsReported() {
        List<HasMetadata> broken = Mutations.change(Mutations.devCopy(), Deployment.class, "gateway", d -> d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setReadinessProbe(null));

        assertThat(ManifestPolicies.workloadHardening(broken))
                .containsExactly("Deployment gateway container gateway has no readiness probe");
    }

    @Test
    void aProbeOnAnotherPathIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), Deployment.class, "lineage-service", d -> d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getLivenessProbe()
                        .getHttpGet()
                        .setPath("/"));

        assertThat(ManifestPolicies.workloadHardening(broken))
                .containsExactly(
                        "Deployment lineage-service container lineage-service's liveness probe does not ask /q/health/live");
    }

    @Test
    void aDeploymentWithoutLimitsIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), Deployment.class, "governance-service", d -> d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getResources()
                        .setLimits(null));

        assertThat(ManifestPolicies.workloadHardening(broken))
                .containsExactly(
                        "Deployment governance-service container governance-service has no cpu limits",
                        "Deployment governance-service container governance-service has no memory limits");
    }

    @Test
    void aWritableRootFilesystemOrAMissingSecurityContextIsReported() {
        List<HasMetadata> broken = Mutations.devCopy();
        Mutations.change(broken, Deployment.class, "catalog-service", d -> d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getSecurityContext()
                .setReadOnlyRootFilesystem(false));
        Mutations.change(broken, Deployment.class, "gateway", d -> d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setSecurityContext(null));

        assertThat(ManifestPolicies.workloadHardening(broken))
                .containsExactlyInAnyOrder(
                        "Deployment catalog-service container catalog-service has a writable root filesystem",
                        "Deployment gateway container gateway has no securityContext");
    }

    @Test
    void aDeploymentWithoutItsPodDisruptionBudgetIsReported() {
        List<HasMetadata> broken = Mutations.remove(Mutations.devCopy(), "PodDisruptionBudget", "gateway");

        assertThat(ManifestPolicies.workloadCompanions(broken))
                .containsExactly("Deployment gateway has no PodDisruptionBudget");
    }

    @Test
    void theCatalogRebuildsItsIndexPerReplicaOnAnEmptyDirAndMayTakeMinutesToStart() {
        Deployment catalog = ManifestPolicies.of(Renderings.java("overlays/prod"), Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("catalog-service"))
                .findFirst()
                .orElseThrow();
        var pod = catalog.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();

        assertThat(container.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/tessera/catalog-index"));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("index");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("TESSERA_CATALOG_GROUP");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        });
        assertThat(ManifestPolicies.of(Renderings.java("overlays/prod"), ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals("catalog-service-config"))
                        .map(c -> c.getData().get("TESSERA_CATALOG_INDEX_DIR")))
                .containsExactly("/var/lib/tessera/catalog-index");
        var startup = container.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(300);
        assertThat(catalog.getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();
    }
}

package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationPolicyTest {

    private static final Path ROOT = Renderings.repositoryRoot();

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @Test
    void everyServiceModuleInTheRepositoryIsDiscoveredWithWhatItReads() {
        Map<String, Set<String>> required = ServiceConfigs.requiredEnvironment(ROOT);

        assertThat(required).containsKeys("product-registry-service", "governance-service", "lineage-service");
        assertThat(required.get("product-registry-service"))
                .contains(
                        "TESSERA_REGISTRY_DB_URL",
                        "TESSERA_KAFKA_BOOTSTRAP",
                        "TESSERA_OIDC_URL",
                        "TESSERA_OTLP_ENDPOINT");
    }

    @Test
    void aReferenceWithoutDefaultOrWithAMachineLocalDefaultNeedsAValue(@TempDir Path dir) throws IOException {
        Path properties = dir.resolve("application.properties");
        Files.writeString(properties, """
                a=${NO_DEFAULT}
                b=${LOCAL_DEFAULT:http://localhost:1234}
                c=${FINE_DEFAULT:tessera}
                %dev.d=${DEV_ONLY}
                e=${OVERRIDDEN_IN_PROD}
                %prod.e=${PROD_VALUE}
                f=${quarkus.http.port}
                """);

        assertThat(ServiceConfigs.references(properties).stream()
                        .filter(ServiceConfigs.EnvReference::needsValue)
                        .map(ServiceConfigs.EnvReference::variable))
                .containsExactlyInAnyOrder("NO_DEFAULT", "LOCAL_DEFAULT", "PROD_VALUE");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyEnvironmentVariableAServiceReadsHasAValueInItsDeployment(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.configuration(rendering.objects(), ServiceConfigs.requiredEnvironment(ROOT)))
                .isEmpty();
    }

    /**
     * The JVM picks a collector from the container's limits (serial under about 1.8 GiB, G1 above), so
     * a service that does not name one would switch collectors unnoticed when its memory limit is
     * raised; the benchmarks run each service with the collector named here.
     */
    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceNamesExactlyOneGarbageCollector(Renderings.Rendering rendering) {
        List<ConfigMap> withJvmOptions = rendering.objects().stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(c -> c.getData() != null && c.getData().containsKey("JAVA_OPTS_APPEND"))
                .toList();

        assertThat(withJvmOptions).hasSizeGreaterThanOrEqualTo(5);
        assertThat(withJvmOptions).allSatisfy(c -> assertThat(
                        Stream.of(c.getData().get("JAVA_OPTS_APPEND").split("\\s+"))
                                .filter(option -> option.matches("-XX:\\+Use\\w+GC")))
                .as("collectors named in %s", c.getMetadata().getName())
                .hasSize(1));
    }

    @Test
    void aVariableMissingFromTheConfigMapIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), ConfigMap.class, "lineage-service-config", c -> c.getData()
                        .remove("TESSERA_KAFKA_BOOTSTRAP"));

        assertThat(ManifestPolicies.configuration(broken, Map.of("lineage-service", Set.of("TESSERA_KAFKA_BOOTSTRAP"))))
                .containsExactly(
                        "Deployment lineage-service does not set TESSERA_KAFKA_BOOTSTRAP, which its application.properties reads");
    }

    @Test
    void aSecretReferenceRemovedFromTheDeploymentIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), Deployment.class, "governance-service", d -> d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv()
                        .clear());

        assertThat(ManifestPolicies.configuration(
                        broken, Map.of("governance-service", Set.of("TESSERA_GOVERNANCE_DB_PASSWORD"))))
                .containsExactly("Deployment governance-service does not set TESSERA_GOVERNANCE_DB_PASSWORD,"
                        + " which its application.properties reads");
    }

    @Test
    void aModuleWithoutDeploymentIsReported() {
        assertThat(ManifestPolicies.configuration(Mutations.devCopy(), Map.of("billing-service", Set.of())))
                .containsExactly("module billing-service has no Deployment named billing-service");
    }
}

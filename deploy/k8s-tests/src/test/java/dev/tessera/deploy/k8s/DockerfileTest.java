package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    private static final Path ROOT = Renderings.repositoryRoot();

    @Test
    void everyServiceHasAFastJarImageOnAPinnedBaseRunningAsNonRootOnItsDeploymentsPort() throws IOException {
        List<Deployment> deployments = ManifestPolicies.of(Renderings.java("overlays/prod"), Deployment.class);
        for (Path module : ServiceConfigs.modules(ROOT)) {
            String name = module.getFileName().toString();
            Path dockerfile = module.resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).as(name).isRegularFile();
            int port = deployments.stream()
                    .filter(d -> d.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Deployment " + name))
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .getFirst()
                    .getPorts()
                    .getFirst()
                    .getContainerPort();

            assertThat(Dockerfiles.check(name, Files.readString(dockerfile), port))
                    .isEmpty();
        }
    }

    @Test
    void aLatestBaseARootUserAndAnotherPortAreReported() {
        String dockerfile = """
                FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:latest
                COPY target/quarkus-app/lib/ /deployments/lib/
                EXPOSE 9000
                """;

        assertThat(Dockerfiles.check("billing", dockerfile, 8085))
                .containsExactly(
                        "billing builds on registry.access.redhat.com/ubi9/openjdk-21-runtime:latest, which is not pinned to a version",
                        "billing runs as root",
                        "billing does not expose port 8085");
    }
}

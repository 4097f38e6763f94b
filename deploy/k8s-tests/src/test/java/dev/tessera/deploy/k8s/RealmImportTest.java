package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RealmImportTest {

    private static final Path ROOT = Renderings.repositoryRoot();

    @Test
    void theCommittedRealmImportIsGeneratedFromTheRealmExport() throws IOException {
        if (Boolean.getBoolean("tessera.regenerate-realm-import")) {
            RealmImportGenerator.write(ROOT);
        }

        assertThat(Files.readString(ROOT.resolve(RealmImportGenerator.IMPORT)))
                .as(
                        "%s is stale: run ./mvnw -pl deploy/k8s-tests -am verify -Dtest=RealmImportTest"
                                + " -Dsurefire.failIfNoSpecifiedTests=false -Dtessera.regenerate-realm-import=true",
                        RealmImportGenerator.IMPORT)
                .isEqualTo(RealmImportGenerator.render(ROOT));
    }

    @Test
    void theRealmImportNamesTheTesseraRealmAndTheKeycloakItBelongsTo() {
        GenericKubernetesResource realmImport = ManifestPolicies.custom(
                        Renderings.java("overlays/prod"), "KeycloakRealmImport")
                .getFirst();
        var spec = ManifestPolicies.tree(realmImport).path("spec");

        assertThat(spec.path("keycloakCRName").asText()).isEqualTo("keycloak");
        assertThat(spec.path("realm").path("realm").asText()).isEqualTo("tessera");
        assertThat(ManifestPolicies.custom(Renderings.java("overlays/prod"), "Keycloak"))
                .extracting(k -> k.getMetadata().getName())
                .containsExactly("keycloak");
    }

    @Test
    void aChangedRealmExportMakesTheCommittedImportStale(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("deploy/keycloak"));
        Files.writeString(
                dir.resolve(RealmImportGenerator.EXPORT), "{\"realm\":\"tessera\",\"enabled\":true,\"roles\":{}}");

        String rendered = RealmImportGenerator.render(dir);

        assertThat(rendered).isNotEqualTo(Files.readString(ROOT.resolve(RealmImportGenerator.IMPORT)));
        var parsed = Renderings.toModel(Kustomize.YAML.readTree(rendered));
        assertThat(ManifestPolicies.tree(parsed).path("spec").path("realm").has("roles"))
                .isTrue();
    }
}

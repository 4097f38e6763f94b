package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RealmImportTest {

    private static final Path ROOT = Renderings.repositoryRoot();

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

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

    @ParameterizedTest
    @MethodSource("renderings")
    void noClientOfTheClustersRealmMayTradeAPasswordForATokenThoughTheLocalRealmStillDoes(
            Renderings.Rendering rendering) throws IOException {
        JsonNode realm = ManifestPolicies.tree(ManifestPolicies.custom(rendering.objects(), "KeycloakRealmImport")
                        .getFirst())
                .path("spec")
                .path("realm");

        assertThat(realm.path("clients")).isNotEmpty().allSatisfy(client -> assertThat(
                        client.path("directAccessGrantsEnabled"))
                .as("directAccessGrantsEnabled of %s", client.path("clientId").asText())
                .isEqualTo(BooleanNode.FALSE));
        // The local stack and the tests' Keycloak keep the CLI's password grant for the demo users.
        JsonNode local = Kustomize.YAML.readTree(
                ROOT.resolve(RealmImportGenerator.EXPORT).toFile());
        assertThat(local.path("clients")).anySatisfy(client -> assertThat(
                        client.path("directAccessGrantsEnabled").asBoolean())
                .isTrue());
    }

    @Test
    void aClientWithThePasswordGrantInTheExportHasItSwitchedOffInTheImport(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("deploy/keycloak"));
        Files.writeString(dir.resolve(RealmImportGenerator.EXPORT), """
                {"realm": "tessera", "clients": [
                   {"clientId": "tessera-cli", "publicClient": true, "directAccessGrantsEnabled": true},
                   {"clientId": "tessera-web", "publicClient": true}]}
                """);

        JsonNode clients = ManifestPolicies.tree(
                        Renderings.toModel(Kustomize.YAML.readTree(RealmImportGenerator.render(dir))))
                .path("spec")
                .path("realm")
                .path("clients");

        assertThat(clients).allSatisfy(client -> assertThat(client.path("directAccessGrantsEnabled"))
                .isEqualTo(BooleanNode.FALSE));
    }

    @Test
    void aChangedRealmExportMakesTheCommittedImportStale(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("deploy/keycloak"));
        Files.writeString(dir.resolve(RealmImportGenerator.EXPORT), """
                {"realm": "tessera", "enabled": true, "roles": {"realm": [{"name": "platform-admin"}]}}
                """);

        String rendered = RealmImportGenerator.render(dir);

        assertThat(rendered).isNotEqualTo(Files.readString(ROOT.resolve(RealmImportGenerator.IMPORT)));
        JsonNode spec = ManifestPolicies.tree(Renderings.toModel(Kustomize.YAML.readTree(rendered)))
                .path("spec");
        assertThat(spec.path("realm")
                        .path("roles")
                        .path("realm")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("platform-admin");
    }

    @Test
    void demoUsersAndClientSecretsOfTheExportStayOutOfTheClusterButServiceAccountsStay(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("deploy/keycloak"));
        Files.writeString(dir.resolve(RealmImportGenerator.EXPORT), """
                {"realm": "tessera",
                 "users": [
                   {"username": "alice", "credentials": [{"type": "password", "value": "alice"}]},
                   {"username": "service-account-tessera-ci", "serviceAccountClientId": "tessera-ci",
                    "realmRoles": ["platform-admin"]}],
                 "clients": [
                   {"clientId": "tessera-ci", "publicClient": false, "secret": "demo-secret"},
                   {"clientId": "tessera-web", "publicClient": true}]}
                """);

        String rendered = RealmImportGenerator.render(dir);
        JsonNode spec = ManifestPolicies.tree(Renderings.toModel(Kustomize.YAML.readTree(rendered)))
                .path("spec");

        assertThat(rendered).doesNotContain("demo-secret", "alice");
        assertThat(spec.path("realm").path("users"))
                .singleElement()
                .satisfies(u -> assertThat(u.path("username").asText()).isEqualTo("service-account-tessera-ci"));
        assertThat(spec.path("realm").path("clients").get(0).path("secret").asText())
                .isEqualTo("${TESSERA_CLIENT_SECRET_TESSERA_CI}");
        assertThat(spec.path("placeholders")
                        .path("TESSERA_CLIENT_SECRET_TESSERA_CI")
                        .path("secret"))
                .isEqualTo(Kustomize.YAML.readTree("{name: tessera-client-tessera-ci, key: secret}"));
    }
}

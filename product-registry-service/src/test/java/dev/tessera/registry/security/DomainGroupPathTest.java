package dev.tessera.registry.security;

import static dev.tessera.registry.support.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testkit.KafkaTestResource;
import dev.tessera.testkit.KeycloakOidcTestResource;
import dev.tessera.testkit.KeycloakServer;
import dev.tessera.testkit.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Domain ownership against the real Keycloak and the realm export: only membership of the exact
 * group a domain names as its owner group grants the domain. A group with the domain's name
 * elsewhere in the tree ({@code /other/<domain>}) grants nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(value = KeycloakOidcTestResource.class)
class DomainGroupPathTest {

    private static final String REALM = KeycloakOidcTestResource.REALM;
    private static final String DEMO_PASSWORD = "tessera-demo";
    private static final String PASSWORD = UUID.randomUUID().toString();

    static KeycloakServer keycloak;
    static String domain;

    @BeforeAll
    static void usersInLookalikeGroups() {
        keycloak = KeycloakServer.shared();
        domain = "fin-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.ensureGroup(REALM, "/domains/" + domain);
        keycloak.ensureGroup(REALM, "/other/" + domain);
        keycloak.createUser(REALM, "owner-" + domain, PASSWORD, List.of("domain-owner"), List.of("/domains/" + domain));
        keycloak.createUser(
                REALM, "lookalike-" + domain, PASSWORD, List.of("domain-owner"), List.of("/other/" + domain));
    }

    @Test
    void aTokenNamesTheFullPathOfEveryGroup() {
        assertThat(claims(token("lookalike-" + domain, PASSWORD)).getList("domains"))
                .containsExactly("/other/" + domain);
        assertThat(claims(token("owner-" + domain, PASSWORD)).getList("domains"))
                .containsExactly("/domains/" + domain);
    }

    @Test
    void onlyTheMembersOfTheDomainsOwnerGroupMayChangeIt() {
        given().header("Authorization", "Bearer " + token("alice-admin", DEMO_PASSWORD))
                .contentType("application/json")
                .body(Map.of("id", domain, "name", "Finance", "ownerGroup", "/domains/" + domain))
                .post(BASE + "/domains")
                .then()
                .statusCode(201);

        given().header("Authorization", "Bearer " + token("lookalike-" + domain, PASSWORD))
                .contentType("application/json")
                .body(Map.of("name", "Taken over", "ownerGroup", "/domains/" + domain))
                .put(BASE + "/domains/" + domain)
                .then()
                .statusCode(403);

        given().header("Authorization", "Bearer " + token("owner-" + domain, PASSWORD))
                .contentType("application/json")
                .body(Map.of("name", "Finance, renamed by its owner", "ownerGroup", "/domains/" + domain))
                .put(BASE + "/domains/" + domain)
                .then()
                .statusCode(200);
    }

    private static String token(String username, String password) {
        HttpResponse<String> response = keycloak.passwordGrant(REALM, "tessera-cli", null, username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonPath(response.body()).getString("access_token");
    }

    private static JsonPath claims(String jwt) {
        return new JsonPath(new String(
                java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
    }
}

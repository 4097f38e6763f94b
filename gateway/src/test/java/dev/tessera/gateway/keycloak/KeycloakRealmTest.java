package dev.tessera.gateway.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.testkit.KeycloakServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realm export against a real Keycloak: people log in with the password grant (demo users),
 * CI pipelines with client credentials, and the gateway accepts exactly the tokens it should.
 */
@QuarkusTest
@WithTestResource(KeycloakGatewayResource.class)
class KeycloakRealmTest {

    private static final String REALM = "tessera";
    private static final String PASSWORD = "tessera-demo";
    private static final String CI_SECRET = "tessera-ci-demo-secret-change-me";

    static KeycloakServer keycloak;

    @BeforeAll
    static void keycloak() {
        keycloak = KeycloakServer.shared();
    }

    @Test
    void aDomainOwnersTokenCarriesAudienceRolesAndDomainsAndPassesTheGateway() {
        JsonPath tokens = tokens(keycloak.passwordGrant(REALM, "tessera-cli", null, "dora-retail", PASSWORD));
        String access = tokens.getString("access_token");
        Map<String, Object> claims = claims(access);
        assertThat(String.valueOf(claims.get("aud"))).contains("tessera");
        assertThat(claims.get("typ")).isEqualTo("Bearer");
        assertThat(claims.get("domains")).isEqualTo(List.of("/domains/retail"));
        assertThat(String.valueOf(((Map<?, ?>) claims.get("realm_access")).get("roles")))
                .contains("domain-owner");

        JsonPath echo = Calls.as(access)
                .get("/api/registry/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("headers.authorization")).isEqualTo("Bearer " + access);
    }

    @Test
    void aCiPipelineWithClientCredentialsOwnsRetailAndMayPostLineage() {
        String access = tokens(keycloak.clientCredentials(REALM, "tessera-ci", CI_SECRET))
                .getString("access_token");
        Map<String, Object> claims = claims(access);
        assertThat(claims.get("azp")).isEqualTo("tessera-ci");
        assertThat(claims.get("domains")).isEqualTo(List.of("/domains/retail"));
        Calls.as(access)
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/lineage")
                .then()
                .statusCode(200);
        assertThat(keycloak.clientCredentials(REALM, "tessera-ci", "wrong-secret")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aUserWithoutATesseraRoleIsRefusedAtTheGateway() {
        String access = tokens(keycloak.passwordGrant(REALM, "tessera-cli", null, "nina-norole", PASSWORD))
                .getString("access_token");
        Calls.as(access).get("/api/registry/v1/products").then().statusCode(403);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        String id = tokens(keycloak.passwordGrant(REALM, "tessera-cli", null, "alice-admin", PASSWORD))
                .getString("id_token");
        assertThat(claims(id).get("typ")).isEqualTo("ID");
        Calls.as(id).get("/api/registry/v1/products").then().statusCode(401);
    }

    @Test
    void aTokenWithTheRealmsIssuerSignedByAnUnpublishedKeyIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var forged = generator.generateKeyPair();
        String token = Jwt.issuer(keycloak.realmUrl(REALM))
                .subject("mallory")
                .audience("tessera")
                .claim("typ", "Bearer")
                .claim("azp", "tessera-cli")
                .claim("realm_access", Map.of("roles", List.of("platform-admin")))
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(5))
                .jws()
                .keyId("not-a-keycloak-key")
                .sign(forged.getPrivate());
        Calls.as(token).get("/api/registry/v1/products").then().statusCode(401);
    }

    @Test
    void theBrowserClientIsPublicAndRequiresPkce() {
        // A public client cannot use the password grant: it must go through the browser login with PKCE.
        assertThat(keycloak.passwordGrant(REALM, "tessera-web", null, "dora-retail", PASSWORD)
                        .statusCode())
                .isIn(400, 401);
        HttpResponse<String> noPkce = get(keycloak.realmUrl(REALM)
                + "/protocol/openid-connect/auth?client_id=tessera-web&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback");
        // Keycloak sends the browser back to the client with the error instead of showing a login page.
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElse(""))
                .contains("error=invalid_request")
                .containsIgnoringCase("code_challenge");
    }

    private static HttpResponse<String> get(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath tokens(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonPath(response.body());
    }

    private static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonPath(payload).getMap("");
    }
}

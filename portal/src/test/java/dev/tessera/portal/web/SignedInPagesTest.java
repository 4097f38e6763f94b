package dev.tessera.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.portal.support.KeycloakPortalResource;
import dev.tessera.portal.support.SignedInUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed in on the real Keycloak login page, with the platform out of reach (the tests' gateway URL
 * has nothing listening): the navigation offers each role its pages, every page still shows with each
 * panel saying its service did not answer, the error pages answer 403, 404 and 503, and signing out
 * needs the form's CSRF token.
 */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class SignedInPagesTest {

    static final String PASSWORD = "tessera-demo";

    @Test
    void theNavigationOffersMyWorkAndDomainsToEveryUserAndGovernanceToOfficersOnly() {
        SignedInUser consumer = SignedInUser.signIn(RestAssured.port, "carl-consumer", PASSWORD);
        String page = consumer.get("/me").body();
        assertThat(page)
                .contains("<a href=\"/me\" aria-current=\"page\">My work</a>", "<a href=\"/domains\">Domains</a>")
                .doesNotContain("href=\"/governance\"");

        SignedInUser officer = SignedInUser.signIn(RestAssured.port, "gina-governance", PASSWORD);
        assertThat(officer.get("/domains").body())
                .contains("<a href=\"/governance\">Governance</a>", "<a href=\"/domains\" aria-current=\"page\">");
    }

    @Test
    void aPageOutsideTheUsersRolesIsTheForbiddenPageAndAnUnknownAddressTheNotFoundPage() {
        SignedInUser consumer = SignedInUser.signIn(RestAssured.port, "carl-consumer", PASSWORD);
        HttpResponse<String> governance = consumer.get("/governance");
        assertThat(governance.statusCode()).isEqualTo(403);
        assertThat(governance.body()).contains("Error 403", "governance officers and platform admins");
        assertThat(consumer.get("/governance/policies/owner-and-support").statusCode())
                .isEqualTo(403);

        HttpResponse<String> nowhere = consumer.get("/no-such-page");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("Error 404", "There is no page at this address");
        assertThat(consumer.get("/domains/not%20a%20domain").statusCode()).isEqualTo(404);
    }

    @Test
    void aDownloadWhoseServiceIsDownIsThe503PageAndTellsTheGatewayTheFailureIsFurtherAlong() {
        SignedInUser consumer = SignedInUser.signIn(RestAssured.port, "carl-consumer", PASSWORD);
        HttpResponse<String> download = consumer.get("/products/retail-orders/versions/1.0.0/odps");
        assertThat(download.statusCode()).isEqualTo(503);
        assertThat(download.body()).contains("Error 503", "Platform unavailable");
        assertThat(download.headers().firstValue("Proxy-Status"))
                .hasValue("tessera-portal; error=destination_unavailable");
        // A page the portal could answer carries no such header.
        assertThat(consumer.get("/me").headers().firstValue("Proxy-Status")).isEmpty();
    }

    @Test
    void signingOutNeedsTheFormsCsrfTokenAndThenEndsTheKeycloakSessionToo() {
        SignedInUser consumer = SignedInUser.signIn(RestAssured.port, "carl-consumer", PASSWORD);
        consumer.get("/me");
        String token = consumer.csrf();
        assertThat(token).isNotBlank();

        HttpResponse<String> forged = consumer.post("/logout", Map.of("csrf", "x".repeat(43)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("security token");
        assertThat(consumer.get("/me").statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> out = consumer.post("/logout", Map.of("csrf", token));
        assertThat(out.statusCode()).isEqualTo(303);
        URI endSession = URI.create(out.headers().firstValue("Location").orElseThrow());
        assertThat(endSession.toString()).contains("/realms/tessera/protocol/openid-connect/logout");
        Map<String, String> query = query(endSession);
        assertThat(query)
                .containsEntry("client_id", "tessera-web")
                .containsEntry("post_logout_redirect_uri", "http://127.0.0.1:" + RestAssured.port + "/signed-out");
        assertThat(query.get("id_token_hint")).isNotBlank();
        assertThat(consumer.hasSession()).isFalse();
        assertThat(consumer.get("/me").statusCode())
                .as("the next page starts a login")
                .isEqualTo(302);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] p = pair.split("=", 2);
            query.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }
}

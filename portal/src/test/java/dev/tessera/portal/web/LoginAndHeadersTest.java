package dev.tessera.portal.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.portal.support.KeycloakPortalResource;
import dev.tessera.testkit.KeycloakServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a browser meets before signing in: pages redirect to Keycloak's login page with a PKCE
 * challenge and a redirect URI on the origin the gateway forwarded, the state cookie is HttpOnly and
 * SameSite, assets and the signed-out page need no login, and every answer carries a
 * Content-Security-Policy without {@code unsafe-inline}.
 */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class LoginAndHeadersTest {

    @Test
    void anAnonymousPageRequestIsRedirectedToKeycloakWithPkceAndTheGatewaysOrigin() {
        Response response = given().redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "tessera.example.com")
                .get("/products/retail-orders");

        assertThat(response.statusCode()).isEqualTo(302);
        URI login = URI.create(response.header("Location"));
        assertThat(login.toString())
                .startsWith(KeycloakServer.shared().realmUrl("tessera") + "/protocol/openid-connect/auth");
        Map<String, String> query = query(login);
        assertThat(query)
                .containsEntry("client_id", "tessera-web")
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "https://tessera.example.com/auth/callback");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("scope")).contains("openid");

        String stateCookie = response.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_auth"))
                .findFirst()
                .orElseThrow();
        assertThat(stateCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(stateCookie)
                .as("Secure unless turned off for plain-http local use")
                .containsIgnoringCase("Secure");
        assertPolicy(response);
    }

    @Test
    void everyPageAddressNeedsLoginButAssetsHealthAndTheSignedOutPageDoNot() {
        for (String page :
                new String[] {"/", "/search/suggest?q=ord", "/no-such-page", "/products/x/versions/1/odps"}) {
            assertThat(given().redirects().follow(false).get(page).statusCode())
                    .as(page)
                    .isEqualTo(302);
        }
        Response css = given().get("/static/portal.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertPolicy(css);
        assertThat(given().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").statusCode())
                .isEqualTo(200);
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);

        Response signedOut = given().get("/signed-out");
        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(signedOut.asString()).contains("You are signed out", "href=\"/static/portal.css\"");
        assertThat(signedOut.header("Cache-Control")).isEqualTo("no-store");
        assertPolicy(signedOut);
    }

    @Test
    void pagesCarryNoInlineScriptOrStyleSoThePolicyNeedsNoUnsafeInline() {
        String html = given().get("/signed-out").asString();
        assertThat(html)
                .doesNotContainIgnoringCase("<style")
                .doesNotContain("style=")
                .doesNotContain(" onclick=");
        assertThat(html.split("<script")).allSatisfy(part -> assertThat(part).doesNotStartWith(">"));
        assertThat(html).contains("<script src=\"/webjars/htmx.org/2.0.4/dist/htmx.min.js\" defer></script>");
        assertThat(html).contains("<a class=\"skip-link\" href=\"#main\">", "<main id=\"main\"");
    }

    private static void assertPolicy(Response response) {
        String policy = response.header("Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .contains("form-action 'self' " + KeycloakServer.shared().baseUrl())
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> p[0], p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }
}

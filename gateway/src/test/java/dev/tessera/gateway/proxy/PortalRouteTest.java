package dev.tessera.gateway.proxy;

import static dev.tessera.gateway.support.Calls.anonymous;
import static dev.tessera.gateway.support.Calls.consumer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.gateway.support.StubBackend;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The web UI is served through the gateway at {@code /}: every path outside {@code /api}, {@code /q}
 * and {@code /openapi} goes to the portal unchanged, anonymous or not (the portal signs its users in
 * itself), and everything the gateway answered before still answers the same.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class PortalRouteTest {

    @Test
    void theRootPagesAssetsAndTheLoginCallbackReachThePortalWithPathAndQueryUnchanged() {
        assertPortal("/", "/", null);
        assertPortal("/products/retail-orders?request=r1", "/products/retail-orders", "request=r1");
        assertPortal("/static/portal.css", "/static/portal.css", null);
        assertPortal("/webjars/htmx.org/2.0.4/dist/htmx.min.js", "/webjars/htmx.org/2.0.4/dist/htmx.min.js", null);
        assertPortal("/auth/callback?code=abc&state=xyz", "/auth/callback", "code=abc&state=xyz");
        assertPortal("/apis-are-not-api", "/apis-are-not-api", null);
    }

    @Test
    void theBrowsersCookiesAndTheOriginItUsedReachThePortal() {
        JsonPath echo = anonymous()
                .header("Cookie", "q_session=sealed; tessera-csrf=token")
                .header("Host", "portal.example.com")
                .get("/products/x")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("headers.cookie")).isEqualTo("q_session=sealed; tessera-csrf=token");
        // The portal builds its login redirect (redirect_uri) from these.
        assertThat(echo.getString("headers.x-forwarded-host")).isEqualTo("portal.example.com");
        assertThat(echo.getString("headers.x-forwarded-proto")).isEqualTo("http");
    }

    @Test
    void formsArePostedToThePortalWithTheirBodies() {
        String form = "csrf=t&port=orders-table&purpose=report&until=2030-01-01";
        JsonPath echo = anonymous()
                .contentType("application/x-www-form-urlencoded")
                .body(form)
                .post("/products/retail-orders/access-requests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("service")).isEqualTo("portal");
        assertThat(echo.getString("method")).isEqualTo("POST");
        assertThat(echo.getInt("bodyBytes")).isEqualTo(form.length());
    }

    @Test
    void aFormPostedFromThePortalsOwnPageWithItsOriginReachesThePortal() {
        // Browsers send Origin on every POST, same-origin ones included.
        String origin = "http://localhost:" + io.restassured.RestAssured.port;
        JsonPath echo = anonymous()
                .header("Origin", origin)
                .contentType("application/x-www-form-urlencoded")
                .body("csrf=t")
                .post("/products/retail-orders/access-requests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("service")).isEqualTo("portal");
        assertThat(echo.getString("headers.origin")).isEqualTo(origin);
    }

    @Test
    void thePortalsOwnContentSecurityPolicyReachesTheBrowserWhileApiAnswersKeepTheGateways() {
        Response page = anonymous().get("/");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(StubBackend.PORTAL_POLICY);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Request-Id")).isNotBlank();

        Response api = consumer().get("/api/registry/v1/products");
        assertThat(api.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void theGatewaysOwnPathsNeverReachThePortal() {
        int before = GatewayTestResource.portal().totalHits();
        consumer().get("/api/nothing-here/v1/x").then().statusCode(404).contentType("application/problem+json");
        anonymous().get("/api").then().statusCode(401);
        anonymous().get("/q/health/live").then().statusCode(200);
        JsonPath openapi =
                anonymous().get("/openapi").then().statusCode(200).extract().jsonPath();
        anonymous().get("/api/products/orders/overview").then().statusCode(401);
        assertThat(GatewayTestResource.portal().totalHits()).isEqualTo(before);
        // The portal serves pages, not an API: the aggregated document neither merges nor misses it.
        assertThat(openapi.getList("x-tessera-unavailable", String.class)).containsExactly("catalog");
    }

    @Test
    void thePortalsPagesSayingAnApiIsDownNeverOpenThePortalsBreaker() {
        int before = GatewayTestResource.portal().hits("/dependency-down");
        // More answers than the breaker's threshold (3 in tests): each reaches the portal and is passed on.
        for (int i = 0; i < 6; i++) {
            Response page = anonymous().get("/dependency-down");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.header("Proxy-Status")).isEqualTo(StubBackend.DEPENDENCY_DOWN);
        }
        assertThat(GatewayTestResource.portal().hits("/dependency-down")).isEqualTo(before + 6);
        assertPortal("/", "/", null);
    }

    private static void assertPortal(String uri, String path, String query) {
        JsonPath echo = anonymous().get(uri).then().statusCode(200).extract().jsonPath();
        assertThat(echo.getString("service")).as(uri).isEqualTo("portal");
        assertThat(echo.getString("path")).as(uri).isEqualTo(path);
        assertThat(echo.getString("query")).as(uri).isEqualTo(query);
    }
}

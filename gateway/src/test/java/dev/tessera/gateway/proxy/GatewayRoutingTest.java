package dev.tessera.gateway.proxy;

import static dev.tessera.gateway.support.Calls.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each public prefix reaches its service with the path, query, body and token intact. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class GatewayRoutingTest {

    @Test
    void eachPrefixReachesItsServiceWithPathAndQueryUnchanged() {
        assertRoutes("/api/registry/v1/products?limit=5&cursor=abc", "registry", "/api/registry/v1/products");
        assertRoutes("/api/governance/v1/policies?scope=retail", "governance", "/api/governance/v1/policies");
        assertRoutes("/api/v1/lineage/unresolved?limit=2", "lineage", "/api/v1/lineage/unresolved");
    }

    @Test
    void theLineagePrefixIsRewrittenToTheServicesOwnPath() {
        JsonPath echo = consumer()
                .get("/api/lineage/v1/impact?node=PRODUCT:orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("service")).isEqualTo("lineage");
        assertThat(echo.getString("path")).isEqualTo("/api/v1/lineage/impact");
        assertThat(echo.getString("query")).isEqualTo("node=PRODUCT:orders");
    }

    @Test
    void theCallersTokenIsForwardedSoTheServiceDecidesAgain() {
        String token = TestTokens.domainOwner("retail");
        JsonPath echo = dev.tessera.gateway.support.Calls.as(token)
                .get("/api/registry/v1/domains")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("headers.authorization")).isEqualTo("Bearer " + token);
        assertThat(echo.getString("headers.x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    @Test
    void bodiesAreStreamedBothWays() {
        byte[] body = new byte[700_000];
        Arrays.fill(body, (byte) 'a');
        JsonPath echo = consumer()
                .contentType("application/octet-stream")
                .body(body)
                .post("/api/registry/v1/imports")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getString("method")).isEqualTo("POST");
        assertThat(echo.getLong("bodyBytes")).isEqualTo(700_000L);

        // Without a Content-Length (chunked) the body is streamed and counted, too.
        JsonPath chunked = consumer()
                .contentType("application/octet-stream")
                .body(new ByteArrayInputStream(body))
                .put("/api/governance/v1/policies/apply")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(chunked.getLong("bodyBytes")).isEqualTo(700_000L);
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeTheServiceSeesThem() {
        byte[] big = new byte[1_048_577];
        int before = GatewayTestResource.registry().hits("/api/registry/v1/too-big");
        consumer()
                .contentType("application/octet-stream")
                .body(big)
                .post("/api/registry/v1/too-big")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("limitBytes", equalTo(1_048_576));
        assertThat(GatewayTestResource.registry().hits("/api/registry/v1/too-big"))
                .isEqualTo(before);

        // Chunked: the gateway counts while streaming and cuts the upload off at the limit.
        consumer()
                .contentType("application/octet-stream")
                .body(new ByteArrayInputStream(new byte[3 * 1_048_576]))
                .post("/api/registry/v1/too-big-chunked")
                .then()
                .statusCode(413);
    }

    @Test
    void aBulkEndpointTakesManyItemsInOneBodyUpToItsOwnLimit() {
        byte[] threeMiB = new byte[3 * 1_048_576];
        JsonPath echo = consumer()
                .contentType("application/octet-stream")
                .body(threeMiB)
                .post("/api/registry/v1/imports/bulk")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getLong("bodyBytes")).isEqualTo(3L * 1_048_576);

        int before = GatewayTestResource.registry().hits("/api/registry/v1/imports/bulk");
        consumer()
                .contentType("application/octet-stream")
                .body(new byte[16 * 1_048_576 + 1])
                .post("/api/registry/v1/imports/bulk")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("limitBytes", equalTo(16 * 1_048_576));
        assertThat(GatewayTestResource.registry().hits("/api/registry/v1/imports/bulk"))
                .isEqualTo(before);
    }

    @Test
    void everyResponseCarriesARequestIdThatTheServiceAlsoSaw() {
        Response response = consumer().get("/api/registry/v1/products");
        String id = response.header("X-Request-Id");
        assertThat(id).isNotBlank();
        assertThat(response.jsonPath().getString("headers.x-request-id")).isEqualTo(id);

        Response given = consumer().header("X-Request-Id", "trace-42.a").get("/api/registry/v1/products");
        assertThat(given.header("X-Request-Id")).isEqualTo("trace-42.a");
        assertThat(given.jsonPath().getString("headers.x-request-id")).isEqualTo("trace-42.a");

        Response forged = consumer().header("X-Request-Id", "<script>").get("/api/registry/v1/products");
        assertThat(forged.header("X-Request-Id")).isNotEqualTo("<script>").matches("[0-9a-f-]{36}");

        // Refusals too: a 401 carries an id.
        dev.tessera.gateway.support.Calls.anonymous()
                .get("/api/registry/v1/products")
                .then()
                .statusCode(401)
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void securityHeadersAreSetAndABackendCannotWeakenThem() {
        consumer()
                .get("/api/registry/v1/products")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Strict-Transport-Security", notNullValue())
                .header("Content-Security-Policy", notNullValue())
                .header("X-Backend", "registry");
    }

    @Test
    void callerSuppliedIdentityHeadersNeverReachAService() {
        JsonPath echo = consumer()
                .header("X-Forwarded-User", "alice-admin")
                .header("X-User-Roles", "platform-admin")
                .header("X-Auth-Request-User", "root")
                .header("Remote-User", "root")
                .header("X-Tessera-Caller", "root")
                .get("/api/registry/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(echo.getMap("headers").keySet())
                .doesNotContain(
                        "x-forwarded-user", "x-user-roles", "x-auth-request-user", "remote-user", "x-tessera-caller");
    }

    @Test
    void unroutedApiPathsAreAProblemNotAPassThrough() {
        consumer().get("/api/nothing-here/v1/x").then().statusCode(404).contentType("application/problem+json");
        consumer().get("/api/registryX/v1/products").then().statusCode(404);
    }

    @Test
    void theBrowserClientsOriginPassesCorsPreflight() {
        dev.tessera.gateway.support.Calls.anonymous()
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/registry/v1/products/orders")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        String allowed = dev.tessera.gateway.support.Calls.anonymous()
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT")
                .options("/api/registry/v1/products/orders")
                .header("Access-Control-Allow-Origin");
        assertThat(allowed).isNull();
    }

    @Test
    void oneClientsSequentialCallsReuseOneKeptAliveConnectionToTheService() throws Exception {
        String token = TestTokens.dataConsumer();
        java.util.Set<Integer> backendConnections = new java.util.HashSet<>();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()) {
            for (int i = 0; i < 20; i++) {
                java.net.http.HttpResponse<String> response = http.send(
                        java.net.http.HttpRequest.newBuilder(gateway.toURI().resolve("/api/registry/v1/domains"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                backendConnections.add(JsonPath.from(response.body()).getInt("peerPort"));
            }
        }
        // A new backend connection per call would show 20 ports; the pooled, event-loop-bound client shows one.
        assertThat(backendConnections).hasSize(1);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL gateway;

    private static void assertRoutes(String publicUri, String service, String backendPath) {
        JsonPath echo =
                consumer().get(publicUri).then().statusCode(200).extract().jsonPath();
        assertThat(echo.getString("service")).as(publicUri).isEqualTo(service);
        assertThat(echo.getString("path")).as(publicUri).isEqualTo(backendPath);
        assertThat(echo.getString("query")).as(publicUri).isEqualTo(publicUri.substring(publicUri.indexOf('?') + 1));
    }
}

package dev.tessera.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who gets past the gateway: a table of (caller, request, expected status). Refusals are decided
 * at the gateway, so the backend must not have been called for any of them, and nothing is a 500.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class GatewaySecurityTableTest {

    private static final Set<String> ADMIN = Set.of("platform-admin");

    record Row(String caller, String token, String method, String uri, int expected) {}

    @Test
    void everyTokenCaseAndBypassAttemptGetsItsStatusAndRefusalsNeverReachAService() {
        List<Row> rows = new ArrayList<>();
        String products = "/api/registry/v1/products";
        // Tokens.
        rows.add(new Row("no token", null, "GET", products, 401));
        rows.add(new Row("alg none", TestTokens.unsigned("mallory", ADMIN), "GET", products, 401));
        rows.add(new Row("bad signature", TestTokens.signedByForeignKey("mallory", ADMIN), "GET", products, 401));
        rows.add(new Row("unknown key id", TestTokens.unknownKeyId("mallory", ADMIN), "GET", products, 401));
        rows.add(new Row("wrong issuer", TestTokens.wrongIssuer("mallory", ADMIN), "GET", products, 401));
        rows.add(new Row("wrong audience", TestTokens.wrongAudience("mallory", ADMIN), "GET", products, 401));
        rows.add(new Row("expired", TestTokens.expired("old", ADMIN), "GET", products, 401));
        rows.add(new Row("not yet valid", TestTokens.notYetValid("early", ADMIN), "GET", products, 401));
        rows.add(new Row("ID token", TestTokens.idToken("alice", ADMIN), "GET", products, 401));
        rows.add(new Row("garbage", "not.a.jwt", "GET", products, 401));
        rows.add(new Row(
                "no Tessera role", TestTokens.user("nina", Set.of("offline_access"), List.of()), "GET", products, 403));
        rows.add(new Row(
                "no role, write", TestTokens.user("nina", Set.of(), List.of()), "POST", "/api/v1/lineage", 403));
        // Roles that pass the gateway (services decide the details).
        rows.add(new Row("consumer", TestTokens.dataConsumer(), "GET", products, 200));
        rows.add(new Row("owner", TestTokens.domainOwner("retail"), "PUT", products + "/orders", 200));
        rows.add(new Row("officer", TestTokens.governanceOfficer(), "GET", "/api/governance/v1/policies", 200));
        rows.add(new Row("admin", TestTokens.platformAdmin(), "DELETE", "/api/governance/v1/policies/p1", 200));
        rows.add(new Row(
                "lineage producer",
                TestTokens.user("airflow", Set.of("lineage-producer"), List.of()),
                "POST",
                "/api/v1/lineage",
                200));
        // Public.
        rows.add(new Row("no token", null, "GET", "/q/health/live", 200));
        rows.add(new Row("no token", null, "GET", "/openapi", 200));
        rows.add(new Row("no token", null, "GET", "/q/metrics", 200));
        // Gateway-only paths are not open either.
        rows.add(new Row("no token", null, "GET", "/api/products/orders/overview", 401));
        // Every other path is the web UI's, which signs its users in itself: the gateway lets it through.
        rows.add(new Row("no token", null, "GET", "/anything-else", 200));
        rows.add(new Row("no token", null, "GET", "/", 200));
        // The merged audit trail is for platform admins only, decided at the gateway.
        rows.add(new Row("no token", null, "GET", "/api/audit", 401));
        rows.add(new Row("consumer", TestTokens.dataConsumer(), "GET", "/api/audit", 403));
        rows.add(new Row("officer", TestTokens.governanceOfficer(), "GET", "/api/audit", 403));
        rows.add(new Row("no Tessera role", TestTokens.user("nina", Set.of(), List.of()), "GET", "/api/audit", 403));
        // Bypass attempts: anonymous and authorised alike never reach a backend.
        String consumer = TestTokens.dataConsumer();
        for (String token : new String[] {null, consumer}) {
            String who = token == null ? "no token" : "consumer";
            // The path is refused before the token is even looked at.
            int refused = 400;
            rows.add(new Row(who + ", encoded slash", token, "GET", "/api/registry%2Fv1/products", refused));
            rows.add(new Row(who + ", encoded slash lower", token, "GET", "/api/registry/v1%2fproducts", refused));
            rows.add(new Row(who + ", double encoding", token, "GET", "/api/registry/v1/products/%252e%252e", refused));
            rows.add(new Row(who + ", encoded dots", token, "GET", "/api/registry/v1/%2e%2e/products", refused));
            rows.add(new Row(who + ", dot segments", token, "GET", "/api/registry/v1/../../q/health", refused));
            rows.add(new Row(who + ", trailing dot", token, "GET", "/api/registry./v1/products", refused));
            rows.add(new Row(who + ", trailing dot segment", token, "GET", "/api/registry/v1/products.", refused));
            rows.add(new Row(who + ", encoded backslash", token, "GET", "/api/registry/v1%5Cproducts", refused));
            rows.add(new Row(who + ", matrix param", token, "GET", "/api/registry;x=1/v1/products", refused));
            rows.add(new Row(who + ", encoded NUL", token, "GET", "/api/registry/v1/products/a%00b", refused));
        }
        rows.add(new Row("no token, public path", null, "GET", "/q/health/../../api/registry/v1/products", 401));

        int before = apiHits();
        int expectedForwarded = (int) rows.stream()
                .filter(r -> r.expected() == 200 && r.uri().startsWith("/api/"))
                .count();
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            RequestSpecification request = row.token() == null ? Calls.anonymous() : Calls.as(row.token());
            Response response = request.request(row.method(), row.uri());
            int status = response.statusCode();
            if (status != row.expected()) {
                failures.add(row.caller() + " " + row.method() + " " + row.uri() + ": expected " + row.expected()
                        + " got " + status + " " + response.asString());
            }
            if (status >= 400 && !"application/problem+json".equals(response.contentType())) {
                failures.add(
                        row.caller() + " " + row.uri() + ": refusal without problem+json: " + response.contentType());
            }
        }
        assertThat(failures).isEmpty();
        int after = apiHits();
        assertThat(after - before).as("requests that reached a backend").isEqualTo(expectedForwarded);
    }

    /** Requests the services received on their APIs (the gateway's own OpenAPI fetches left out). */
    private static int apiHits() {
        int hits = 0;
        for (var stub : List.of(
                GatewayTestResource.registry(), GatewayTestResource.governance(), GatewayTestResource.lineage())) {
            hits += stub.totalHits() - stub.hits("/q/openapi");
        }
        return hits;
    }

    @Test
    void aRefusedTokenIsAProblemWithABearerChallenge() {
        Calls.as(TestTokens.expired("old", ADMIN))
                .get("/api/registry/v1/products")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("type", org.hamcrest.Matchers.equalTo("https://tessera.dev/problems/unauthenticated"));
    }
}

package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.AuthRuntimeConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * A caller whose token the gateway verified moments ago is proxied without Quarkus' security chain,
 * and gets exactly what the chain would have given it: the same forwarding, the same refusals,
 * the same rate limit and the same CORS headers.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RememberedTokenProxyTest {

    private static final String PRODUCTS = "/api/registry/v1/products";

    @Inject
    RememberedTokenProxy shortcut;

    @Inject
    Config settings;

    @Test
    void theShippedPermissionTableIsOneTheShortcutStandsIn() {
        AuthRuntimeConfig auth = settings.unwrap(SmallRyeConfig.class)
                .getConfigMapping(VertxHttpConfig.class)
                .auth();

        assertThat(RememberedTokenProxy.unsupported(auth))
                .as("why the shortcut stands aside for the gateway's own configuration")
                .isNull();
    }

    @Test
    void aTokenVerifiedOnceIsProxiedWithoutTheChainAndForwardedAsBefore() {
        String token = freshUser("repeat", "data-consumer");
        long before = shortcut.served();

        Calls.as(token).get(PRODUCTS).then().statusCode(200);
        assertThat(shortcut.served())
                .as("the first call is verified by the chain")
                .isEqualTo(before);

        JsonPath echo = Calls.as(token)
                .header("X-Request-Id", "repeat-call-1")
                .get(PRODUCTS + "?page=2")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "repeat-call-1")
                .header("X-Content-Type-Options", "nosniff")
                .extract()
                .jsonPath();
        assertThat(shortcut.served()).isEqualTo(before + 1);
        assertThat(echo.getString("path")).isEqualTo(PRODUCTS);
        assertThat(echo.getString("query")).isEqualTo("page=2");
        assertThat(echo.getString("headers.authorization")).isEqualTo("Bearer " + token);
        assertThat(echo.getString("headers.x-request-id")).isEqualTo("repeat-call-1");
        assertThat(echo.getString("headers.x-forwarded-proto")).isEqualTo("http");
    }

    @Test
    void aRememberedTokenWithoutATesseraRoleIsRefusedEveryTimeAndNeverReachesTheService() {
        String token = freshUser("no-role", "offline_access");
        long before = shortcut.served();
        int hits = GatewayTestResource.registry().totalHits();

        for (int i = 0; i < 3; i++) {
            Calls.as(token).get(PRODUCTS).then().statusCode(403).contentType("application/problem+json");
        }

        assertThat(shortcut.served()).isEqualTo(before);
        assertThat(GatewayTestResource.registry().totalHits()).isEqualTo(hits);
    }

    @Test
    void aRememberedCallerIsHeldToItsRouteLimit() {
        String token = freshUser("limited", "data-consumer");
        long before = shortcut.served();
        // The "limited" route allows a burst of 3 at 1/s.
        Calls.Burst burst = Calls.burst(token, "/api/registry/v1/limited/things", 10);
        assertThat(burst.served()).isBetween(3, 5);
        Response refused = burst.refused();
        assertThat(refused).isNotNull();
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.jsonPath().getString("route")).isEqualTo("limited");
        assertThat(shortcut.served())
                .as("the calls after the first took the shortcut")
                .isGreaterThan(before);
    }

    @Test
    void aBrowserCallerGetsItsCorsHeadersOnTheShortcut() {
        String token = freshUser("browser", "data-consumer");
        Calls.as(token).get(PRODUCTS).then().statusCode(200);
        long before = shortcut.served();

        Calls.as(token)
                .header("Origin", "http://localhost:3000")
                .get(PRODUCTS)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Request-Id"));
        assertThat(shortcut.served()).isEqualTo(before + 1);
    }

    @Test
    void theGatewaysOwnEndpointsStillGoThroughTheChain() {
        String token = freshUser("own-endpoints", "data-consumer");
        Calls.as(token).get(PRODUCTS).then().statusCode(200);
        long before = shortcut.served();

        // The merged audit trail is for platform admins: a remembered consumer is refused by the chain.
        Calls.as(token).get("/api/audit").then().statusCode(403);
        Calls.as(token).get("/api/products/orders/overview").then().statusCode(200);

        assertThat(shortcut.served()).isEqualTo(before);
    }

    private static String freshUser(String name, String role) {
        return TestTokens.user(name + "-" + System.nanoTime(), Set.of(role), List.of());
    }
}

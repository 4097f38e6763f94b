package dev.tessera.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rate limits are per client and per route: one noisy client does not starve another. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RateLimitTest {

    @Test
    void aClientOverItsRouteLimitGets429WithRetryAfterWhileOthersAreServed() {
        String noisy = TestTokens.user("noisy-" + System.nanoTime(), Set.of("data-consumer"), List.of());
        String quiet = TestTokens.user("quiet-" + System.nanoTime(), Set.of("data-consumer"), List.of());
        // The route allows a burst of 3 at 1/s: within 10 quick calls some must be refused.
        Calls.Burst burst = Calls.burst(noisy, "/api/registry/v1/limited/things", 10);
        assertThat(burst.served()).isBetween(3, 5);
        Response refused = burst.refused();
        assertThat(refused).isNotNull();
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(refused.jsonPath().getString("route")).isEqualTo("limited");

        // Another client on the same route, and the same client on another route, are unaffected.
        Calls.as(quiet).get("/api/registry/v1/limited/things").then().statusCode(200);
        Calls.as(noisy).get("/api/registry/v1/products").then().statusCode(200);
    }
}

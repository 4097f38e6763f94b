package dev.tessera.gateway.proxy;

import static dev.tessera.gateway.support.Calls.consumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A service that is down, slow or failing is a quick 503 naming it, never a hang. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class BackendFailureTest {

    @Test
    void anUnreachableServiceIsA503NamingItAndThenTheBreakerAnswersAtOnce() {
        // Catalog never listens. Whatever state earlier calls left its breaker in, a call that tries
        // the connection comes within the breaker's pause, and is refused as unreachable.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response r = consumer().get("/api/catalog/v1/search?q=orders");
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.contentType()).isEqualTo("application/problem+json");
                    assertThat(r.header("Retry-After")).isNotNull();
                    assertThat(r.jsonPath().getString("service")).isEqualTo("catalog");
                    return "unreachable".equals(r.jsonPath().getString("reason"));
                });
        // Enough failures have been seen: the breaker is open and answers without trying.
        for (int i = 0; i < 3; i++) {
            consumer().get("/api/catalog/v1/search?q=orders");
        }
        consumer()
                .get("/api/catalog/v1/search?q=orders")
                .then()
                .statusCode(503)
                .body("service", equalTo("catalog"))
                .body("reason", equalTo("circuit-open"));
        // Other services are unaffected by catalog's breaker.
        consumer().get("/api/registry/v1/products").then().statusCode(200);
    }

    @Test
    void aSlowServiceIsA503AfterItsTimeout() {
        long start = System.nanoTime();
        consumer()
                .get("/api/governance/v1/slow")
                .then()
                .statusCode(503)
                .body("service", equalTo("governance"))
                .body("reason", equalTo("timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServiceThatGoesDownAndComesBackIsServedAgainAfterTheBreakerPause() {
        var lineage = GatewayTestResource.lineage();
        lineage.stop();
        try {
            for (int i = 0; i < 4; i++) {
                Response r = consumer().get("/api/v1/lineage/unresolved");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.jsonPath().getString("service")).isEqualTo("lineage");
            }
        } finally {
            lineage.start();
        }
        // Open breaker: refused at once until its pause is over, then one trial closes it.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> consumer().get("/api/v1/lineage/unresolved").statusCode() == 200);
    }

    @Test
    void aServiceErrorIsPassedThroughAsTheServiceSentIt() {
        consumer().get("/api/registry/v1/boom").then().statusCode(500).body("status", equalTo(500));
    }
}

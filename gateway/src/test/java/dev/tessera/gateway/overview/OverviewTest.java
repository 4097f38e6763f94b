package dev.tessera.gateway.overview;

import static dev.tessera.gateway.support.Calls.consumer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The composite product read: three services in one answer, a failed part marked, the rest kept. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OverviewTest {

    @Test
    void combinesProductScoreAndLineage() {
        consumer()
                .get("/api/products/orders/overview")
                .then()
                .statusCode(200)
                .body("productId", equalTo("orders"))
                .body("degraded", equalTo(false))
                .body("product.status", equalTo("ok"))
                .body("product.data.name", equalTo("Orders"))
                .body("governance.status", equalTo("ok"))
                .body("governance.data.score", equalTo(0.875f))
                .body("governance.data.rating", equalTo("B"))
                .body("quality.status", equalTo("ok"))
                .body("quality.data.status", equalTo("failing"))
                .body("quality.data.lastCheckedAt", equalTo("2026-01-02T00:00:00Z"))
                .body("quality.data.ports.port", contains("orders-table", "orders-api"))
                .body("quality.data.ports.status", contains("failing", "passing"))
                .body("quality.data.openIncidents", equalTo(1))
                .body("lineage.status", equalTo("ok"))
                .body("lineage.data.neighbours", equalTo(2));
    }

    @Test
    void aProductGovernanceHasNoQualityForIsUnknownNotDegraded() {
        consumer()
                .get("/api/products/unrated/overview")
                .then()
                .statusCode(200)
                .body("degraded", equalTo(false))
                .body("quality.status", equalTo("none"))
                .body("quality.data.status", equalTo("unknown"))
                .body("quality.data.ports", empty())
                .body("governance.status", equalTo("ok"));
    }

    @Test
    void governanceDownLeavesQualityUnknownAndTheRestReturned() {
        var governance = GatewayTestResource.governance();
        governance.stop();
        try {
            consumer()
                    .get("/api/products/orders/overview")
                    .then()
                    .statusCode(200)
                    .body("degraded", equalTo(true))
                    .body("product.status", equalTo("ok"))
                    .body("lineage.status", equalTo("ok"))
                    .body("governance.status", equalTo("unavailable"))
                    .body("quality.status", equalTo("unavailable"))
                    .body("quality.service", equalTo("governance"))
                    .body("quality.data.status", equalTo("unknown"));
        } finally {
            governance.start();
        }
        // Governance's circuit may have opened meanwhile; later tests need it closed again.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        consumer().get("/api/products/orders/overview").then().body("degraded", equalTo(false)));
    }

    @Test
    void aServiceDownIsMarkedAndTheRestReturned() {
        var lineage = GatewayTestResource.lineage();
        lineage.stop();
        try {
            consumer()
                    .get("/api/products/orders/overview")
                    .then()
                    .statusCode(200)
                    .body("degraded", equalTo(true))
                    .body("product.status", equalTo("ok"))
                    .body("governance.status", equalTo("ok"))
                    .body("lineage.status", equalTo("unavailable"))
                    .body("lineage.service", equalTo("lineage"));
        } finally {
            lineage.start();
        }
    }

    @Test
    void aMissingProductIsTheRegistrysOwnAnswer() {
        consumer().get("/api/products/missing/overview").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMalformedIdIsA400AndNoServiceIsAsked() {
        int before = GatewayTestResource.registry().totalHits();
        consumer()
                .get("/api/products/NOT_AN_ID!/overview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(
                        GatewayTestResource.registry().totalHits())
                .isEqualTo(before);
    }
}

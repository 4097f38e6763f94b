package dev.tessera.gateway.overview;

import static dev.tessera.gateway.support.Calls.consumer;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
                .body("lineage.status", equalTo("ok"))
                .body("lineage.data.neighbours", equalTo(2));
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

package dev.tessera.governance.quality;

import static dev.tessera.governance.support.Api.BASE;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.ProductEvents;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Products with quality rules in their contracts, and reading their quality back. */
final class QualityFixtures {

    static final String PORT = "orders-table";

    private QualityFixtures() {}

    /** The compliant product whose port contract requires more than 100 rows. */
    static ObjectNode withRowCountRule(String productId, String domainId) {
        ObjectNode descriptor = ProductEvents.compliant(productId, domainId);
        quality(descriptor)
                .addObject()
                .put("type", "library")
                .put("metric", "rowCount")
                .put("mustBeGreaterThan", 100)
                .put("name", "enough orders");
        return descriptor;
    }

    /** The row-count product plus an sql rule no reported fact can decide. */
    static ObjectNode withSqlRule(String productId, String domainId) {
        ObjectNode descriptor = withRowCountRule(productId, domainId);
        quality(descriptor)
                .addObject()
                .put("type", "sql")
                .put("query", "SELECT COUNT(*) FROM orders WHERE amount < 0")
                .put("mustBe", 0)
                .put("name", "no negative amounts");
        return descriptor;
    }

    /** The compliant product, whose data must be at most the given minutes old (no rules). */
    static ObjectNode withLatencyMinutes(String productId, String domainId, int minutes) {
        ObjectNode descriptor = ProductEvents.compliant(productId, domainId);
        ObjectNode contract = (ObjectNode) descriptor.path("outputPorts").get(0).get("contract");
        contract.putArray("slaProperties")
                .addObject()
                .put("property", "latency")
                .put("value", minutes)
                .put("unit", "m");
        return descriptor;
    }

    private static ArrayNode quality(ObjectNode descriptor) {
        ObjectNode orders = (ObjectNode) descriptor
                .path("outputPorts")
                .get(0)
                .path("contract")
                .path("schema")
                .get(0);
        return orders.has("quality") ? (ArrayNode) orders.get("quality") : orders.putArray("quality");
    }

    /** The product's quality as an officer reads it. */
    static JsonPath quality(String productId) {
        return Api.officer()
                .get(BASE + "/products/" + productId + "/quality")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until governance knows the product (it answers its quality to an officer). */
    static void awaitKnown(String productId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.officer()
                                .get(BASE + "/products/" + productId + "/quality")
                                .statusCode()
                        == 200);
    }

    /** Waits until the product's quality has the given status, and returns it. */
    static JsonPath awaitStatus(String productId, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> quality(productId), q -> status.equals(q.getString("status")));
    }
}

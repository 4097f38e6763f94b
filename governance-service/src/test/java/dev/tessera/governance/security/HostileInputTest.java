package dev.tessera.governance.security;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.HostileInputTable;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Hostile bodies to every write endpoint of governance, called directly, with CEL expressions
 * built to allocate in every string field (and so in every policy's expression).
 */
@QuarkusTest
@GovernanceTestResources
class HostileInputTest extends HostileInputTable {

    private static final String BASE = Api.BASE;

    private static List<WriteEndpoint> endpoints;

    @Override
    protected synchronized List<WriteEndpoint> writeEndpoints() {
        if (endpoints == null) {
            String policyId = Api.unique("hostile");
            Map<String, Object> policy = Api.policy(policyId, "GLOBAL", "WARNING", "true");
            Api.createPolicy(dev.tessera.testkit.TestTokens.platformAdmin(), policy);
            String policyJson = json(policy);
            String descriptor = json(Map.of(
                    "id", "hostile-product",
                    "domain", "retail",
                    "version", "1.0.0",
                    "description", Map.of("purpose", "Orders of the web shop for revenue reporting."),
                    "outputPorts", List.of(Map.of("name", "orders", "type", "tables"))));
            String qualityProduct = Api.unique("hostile-quality");
            try (ProductEvents registry = new ProductEvents()) {
                registry.send(
                        EventType.PRODUCT_CREATED,
                        ProductEvents.state(
                                qualityProduct, "retail", 1, ProductEvents.compliant(qualityProduct, "retail")));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Api.officer()
                                    .get(BASE + "/products/" + qualityProduct + "/quality")
                                    .statusCode()
                            == 200);
            endpoints = List.of(
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/products/" + qualityProduct + "/ports/orders-table/quality/results",
                            json(Map.of(
                                    "tool",
                                    "soda",
                                    "results",
                                    List.of(Map.of(
                                            "check",
                                            "row check",
                                            "success",
                                            true,
                                            "value",
                                            3,
                                            "observedAt",
                                            "2026-01-01T00:00:00Z",
                                            "runId",
                                            "run-1"))))),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/policies",
                            json(Api.policy(Api.unique("new"), "GLOBAL", "WARNING", "true"))),
                    WriteEndpoint.json("PUT", BASE + "/policies/" + policyId, policyJson),
                    WriteEndpoint.jsonOrYaml("POST", BASE + "/policies/apply", "{\"policies\":[" + policyJson + "]}"),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/policies/dry-run",
                            "{\"policy\":" + policyJson + ",\"descriptor\":" + descriptor + "}"),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/access-requests",
                            json(Map.of(
                                    "productId", "hostile-product",
                                    "portName", "orders",
                                    "purpose", "Revenue dashboards for the finance team",
                                    "requestedUntil", "2099-01-01T00:00:00Z"))),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/access-requests/00000000-0000-0000-0000-000000000000/decision",
                            "{\"status\":\"APPROVED\",\"reason\":\"fine\"}"),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/access-requests/00000000-0000-0000-0000-000000000000/provisioning",
                            "{\"status\":\"ACTIVE\",\"reason\":\"granted\"}"),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/access-requests/00000000-0000-0000-0000-000000000000/revocation",
                            "{\"status\":\"REVOKED\",\"reason\":\"gone\"}"),
                    new WriteEndpoint("DELETE", BASE + "/policies/" + Api.unique("absent"), null, false));
        }
        return endpoints;
    }

    @Override
    protected List<String> hostileStrings() {
        String digits = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        String block = "x".repeat(2_000);
        String doubling = "'" + "y".repeat(64) + "'";
        StringBuilder nested = new StringBuilder();
        for (int level = 0; level < 32; level++) {
            nested.append("[")
                    .append(level == 0 ? doubling : "s" + (level - 1) + " + s" + (level - 1))
                    .append("].map(s")
                    .append(level)
                    .append(", ");
        }
        nested.append("size(s31) > 0").append(")".repeat(32));
        List<String> strings = new java.util.ArrayList<>(super.hostileStrings());
        strings.addAll(List.of(
                // A million 4 KB strings built by nested maps over small lists.
                digits + ".map(a, " + digits + ".map(b, " + digits + ".map(c, " + digits + ".map(d, " + digits
                        + ".map(e, " + digits + ".map(f, '" + block + "' + '" + block + "')))))).size() > 0",
                // A string that doubles at each of 32 nested one-element comprehensions.
                nested.toString(),
                // The same on a descriptor field the caller controls.
                digits + ".map(a, " + digits + ".map(b, " + digits + ".map(c, " + digits
                        + ".map(d, product.description.purpose + product.description.purpose)))).size() > 0",
                // Deep nesting of the expression itself.
                "(".repeat(5_000) + "true" + ")".repeat(5_000)));
        return strings;
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.tessera.governance.audit;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every governance write lands in the audit trail with who, which client, what, when and the request id. */
@QuarkusTest
@GovernanceTestResources
class AuditTest {

    private static final String AUDIT = Api.BASE + "/audit";

    @Test
    void policyCreateUpdateAndDeleteAreEachAuditedWithActorClientAndRequestId() {
        String id = unique("audited");
        Map<String, Object> policy = Api.policy(id, "GLOBAL", "WARNING", "true");
        String created = requestId();
        Instant before = Instant.now();
        Api.officer()
                .header("X-Request-Id", created)
                .contentType(ContentType.JSON)
                .body(policy)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(201);
        policy.put("severity", "BLOCKING");
        String updated = requestId();
        Api.officer()
                .header("X-Request-Id", updated)
                .contentType(ContentType.JSON)
                .body(policy)
                .put(Api.BASE + "/policies/" + id)
                .then()
                .statusCode(200);
        String deleted = requestId();
        Api.as(TestTokens.platformAdmin())
                .header("X-Request-Id", deleted)
                .delete(Api.BASE + "/policies/" + id)
                .then()
                .statusCode(204);

        JsonPath trail = audit(Map.of("targetType", "policy", "targetId", id));
        assertThat(trail.getList("items.action")).containsExactly("policy.deleted", "policy.updated", "policy.created");
        assertThat(trail.getList("items.requestId")).containsExactly(deleted, updated, created);
        assertThat(trail.getList("items.actor")).containsExactly("alice-admin", "gina-governance", "gina-governance");
        assertThat(trail.getList("items.clientId")).containsOnly("tessera-cli");
        assertThat(trail.getString("items[1].detail.severity")).isEqualTo("BLOCKING");
        assertThat(Instant.parse(trail.getString("items[2].occurredAt"))).isAfterOrEqualTo(before.minusSeconds(1));

        JsonPath byRequest = audit(Map.of("requestId", updated));
        assertThat(byRequest.getList("items.targetId")).containsExactly(id);
        assertThat(audit(Map.of("targetId", id, "actor", "alice-admin")).getList("items.action"))
                .containsExactly("policy.deleted");
        assertThat(audit(Map.of("targetId", id, "action", "policy.created")).getList("items.requestId"))
                .containsExactly(created);
        assertThat(audit(Map.of(
                                "targetId",
                                id,
                                "since",
                                Instant.now().plusSeconds(60).toString()))
                        .getList("items"))
                .isEmpty();
    }

    @Test
    void anAccessRequestTheContractApprovesIsAuditedAsDecidedByGovernanceNotByItsRequester() {
        String domain = unique("audit-auto");
        String product = unique("orders");
        ObjectNode descriptor = ProductEvents.compliant(product, domain);
        ((ObjectNode) descriptor.path("outputPorts").get(0).path("contract"))
                .putArray("customProperties")
                .addObject()
                .put("property", "accessPolicy")
                .put("value", "auto-approve");
        knownProduct(product, domain, descriptor);
        String request = requestId();
        requestAccess(product, request).statusCode(201).body("request.status", equalTo("APPROVED"));

        JsonPath trail = audit(Map.of("requestId", request));
        assertThat(trail.getList("items.action")).containsExactlyInAnyOrder("access.requested", "access.approved");
        assertThat(trail.getString("items.find { it.action == 'access.requested' }.actor"))
                .isEqualTo("carl-consumer");
        assertThat(trail.getString("items.find { it.action == 'access.requested' }.clientId"))
                .isEqualTo("tessera-cli");
        assertThat(trail.getString("items.find { it.action == 'access.approved' }.actor"))
                .isEqualTo("governance");
        assertThat(trail.getString("items.find { it.action == 'access.approved' }.clientId"))
                .isNull();
    }

    @Test
    void anAccessRequestIsAuditedForItsRequester() {
        String domain = unique("audit-access");
        String product = unique("orders");
        knownProduct(product, domain, ProductEvents.compliant(product, domain));
        String request = requestId();
        String id = requestAccess(product, request).statusCode(201).extract().path("request.requestId");

        JsonPath trail = audit(Map.of("requestId", request));
        assertThat(trail.getList("items.action")).containsExactly("access.requested");
        assertThat(trail.getString("items[0].targetType")).isEqualTo("access-request");
        assertThat(trail.getString("items[0].targetId")).isEqualTo(id);
        assertThat(trail.getString("items[0].actor")).isEqualTo("carl-consumer");
        assertThat(trail.getString("items[0].clientId")).isEqualTo("tessera-cli");
        assertThat(trail.getString("items[0].detail.productId")).isEqualTo(product);
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        String id = unique("paged");
        Map<String, Object> policy = Api.policy(id, "GLOBAL", "WARNING", "true");
        Api.createPolicy(TestTokens.governanceOfficer(), policy);
        for (String severity : List.of("BLOCKING", "WARNING", "BLOCKING")) {
            policy.put("severity", severity);
            Api.officer()
                    .contentType(ContentType.JSON)
                    .body(policy)
                    .put(Api.BASE + "/policies/" + id)
                    .then()
                    .statusCode(200);
        }
        JsonPath first = audit(Map.of("targetId", id, "limit", "3"));
        JsonPath second = audit(Map.of("targetId", id, "limit", "3", "cursor", first.getString("next")));
        assertThat(first.getList("items.detail.version", Integer.class)).containsExactly(4, 3, 2);
        assertThat(second.getList("items.detail.version", Integer.class)).containsExactly(1);
        assertThat(second.getString("next")).isNull();
    }

    @Test
    void onlyPlatformAdminsReadTheTrail() {
        Api.anonymous().get(AUDIT).then().statusCode(401).contentType("application/problem+json");
        for (String token :
                List.of(TestTokens.dataConsumer(), TestTokens.governanceOfficer(), TestTokens.domainOwner("retail"))) {
            Api.as(token).get(AUDIT).then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void badFiltersAreOne400NamingEachParameter() {
        Api.as(TestTokens.platformAdmin())
                .queryParam("since", "yesterday")
                .queryParam("before", "2026-13-01T00:00:00Z")
                .queryParam("limit", "0")
                .queryParam("cursor", "not-a-cursor")
                .get(AUDIT)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("since"))
                .body("errors.path", hasItem("before"))
                .body("errors.path", hasItem("limit"))
                .body("errors.path", hasItem("cursor"));
        Api.as(TestTokens.platformAdmin())
                .queryParam("since", "2026-02-01T00:00:00Z")
                .queryParam("before", "2026-01-01T00:00:00Z")
                .get(AUDIT)
                .then()
                .statusCode(400)
                .body("errors.path", hasItem("since"));
    }

    private static JsonPath audit(Map<String, String> filter) {
        return Api.as(TestTokens.platformAdmin())
                .queryParams(filter)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }

    /** A product governance has heard of from the registry and evaluated. */
    private static void knownProduct(String product, String domain, ObjectNode descriptor) {
        try (ProductEvents registry = new ProductEvents()) {
            registry.send(EventType.PRODUCT_CREATED, ProductEvents.state(product, domain, 1, descriptor));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.officer()
                                .get(Api.BASE + "/products/" + product + "/evaluation")
                                .statusCode()
                        == 200);
    }

    /** A consumer asks for the product's table port, under the given request id. */
    private static ValidatableResponse requestAccess(String product, String requestId) {
        return Api.as(TestTokens.dataConsumer())
                .header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "productId",
                        product,
                        "portName",
                        "orders-table",
                        "purpose",
                        "monthly revenue reporting",
                        "requestedUntil",
                        Instant.now().plus(Duration.ofDays(30)).toString()))
                .post(Api.BASE + "/access-requests")
                .then();
    }

    private static String requestId() {
        return "audit-" + UUID.randomUUID();
    }
}

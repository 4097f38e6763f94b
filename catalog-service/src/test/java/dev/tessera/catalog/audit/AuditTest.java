package dev.tessera.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.testkit.ServiceSecurityTable;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog's audit trail: subscription and index writes with who, which client, what, when and the
 * request id, for platform admins only. The catalog has no service security table (it has no
 * admin-only JSON write), so the audit endpoint's rows of that table are here.
 */
@QuarkusTest
@CatalogTestResources
class AuditTest {

    private static final String AUDIT = Api.BASE + "/audit";
    private static final String SECRET = "a-webhook-secret-of-some-length";

    @Test
    void subscribingAndUnsubscribingAreAuditedWithActorClientAndRequestId() {
        String created = requestId();
        String id = Api.consumer()
                .header("X-Request-Id", created)
                .contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://127.0.0.1:1/audited", "secret", SECRET))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String deleted = requestId();
        Api.consumer()
                .header("X-Request-Id", deleted)
                .delete(Api.BASE + "/subscriptions/" + id)
                .then()
                .statusCode(204);

        JsonPath trail = audit(Map.of("targetType", "subscription", "targetId", id));
        assertThat(trail.getList("items.action")).containsExactly("subscription.deleted", "subscription.created");
        assertThat(trail.getList("items.requestId")).containsExactly(deleted, created);
        assertThat(trail.getList("items.actor")).containsOnly("carl-consumer");
        assertThat(trail.getList("items.clientId")).containsOnly("tessera-cli");
        assertThat(trail.getString("items[0].detail.targetUrl")).isEqualTo("http://127.0.0.1:1/audited");
        assertThat(trail.getList("items.occurredAt")).doesNotContainNull();
    }

    @Test
    void anIndexRepairIsAuditedForTheAdminWhoAskedForIt() {
        Api.awaitReady();
        String repair = requestId();
        Api.admin()
                .header("X-Request-Id", repair)
                .queryParam("repair", true)
                .post(Api.BASE + "/index/reconciliation")
                .then()
                .statusCode(200);

        JsonPath trail = audit(Map.of("requestId", repair));
        assertThat(trail.getList("items.action")).containsExactly("index.repaired");
        assertThat(trail.getString("items[0].actor")).isEqualTo("alice-admin");
        assertThat(trail.getString("items[0].targetType")).isEqualTo("catalog-index");
        // A check without repair changes nothing and leaves no entry.
        String check = requestId();
        Api.admin()
                .header("X-Request-Id", check)
                .post(Api.BASE + "/index/reconciliation")
                .then()
                .statusCode(200);
        assertThat(audit(Map.of("requestId", check)).getList("items")).isEmpty();
    }

    @Test
    void onlyPlatformAdminsReadTheTrail() {
        RestAssured.given().get(AUDIT).then().statusCode(401).contentType("application/problem+json");
        ServiceSecurityTable.refusedTokens()
                .forEach((name, token) ->
                        Api.as(token).get(AUDIT).then().statusCode(401).contentType("application/problem+json"));
        for (String token :
                List.of(TestTokens.dataConsumer(), TestTokens.governanceOfficer(), TestTokens.domainOwner("retail"))) {
            Api.as(token)
                    .header("X-User-Roles", "platform-admin")
                    .get(AUDIT)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void badFiltersAre400ProblemsNamingTheParameter() {
        Api.admin()
                .queryParam("limit", "abc")
                .queryParam("since", "2026-11-26")
                .queryParam("actor", "x".repeat(300))
                .get(AUDIT)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("limit"))
                .body("errors.path", hasItem("since"))
                .body("errors.path", hasItem("actor"));
    }

    private static JsonPath audit(Map<String, String> filter) {
        return Api.admin()
                .queryParams(filter)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String requestId() {
        return "audit-" + UUID.randomUUID();
    }
}

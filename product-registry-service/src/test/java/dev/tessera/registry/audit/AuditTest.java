package dev.tessera.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The registry's whole audit trail: every write with who, which client, what, when and the request id. */
@QuarkusTest
@RegistryTestResources
class AuditTest {

    private static final String AUDIT = Api.BASE + "/audit";

    @Test
    void domainAndProductWritesAreInTheWholeTrailWithActorClientAndRequestId() {
        String domain = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String createDomain = requestId();
        Api.admin()
                .header("X-Request-Id", createDomain)
                .contentType(ContentType.JSON)
                .body(Map.of("id", domain, "name", "Audited", "ownerGroup", "/domains/" + domain))
                .post(Api.BASE + "/domains")
                .then()
                .statusCode(201);
        String product = Api.newProductId("audited");
        String applyProduct = requestId();
        Api.as(TestTokens.domainOwner(domain))
                .header("X-Request-Id", applyProduct)
                .contentType("application/yaml")
                .body(Descriptors.orders(product, domain, "1.0.0"))
                .put(Api.BASE + "/products/" + product)
                .then()
                .statusCode(201);

        JsonPath domainWrite = audit(Map.of("requestId", createDomain));
        assertThat(domainWrite.getList("items.action")).containsExactly("domain.created");
        assertThat(domainWrite.getString("items[0].targetType")).isEqualTo("domain");
        assertThat(domainWrite.getString("items[0].targetId")).isEqualTo(domain);
        assertThat(domainWrite.getString("items[0].actor")).isEqualTo("alice-admin");
        assertThat(domainWrite.getString("items[0].clientId")).isEqualTo("tessera-cli");
        assertThat(domainWrite.getString("items[0].occurredAt")).isNotBlank();

        JsonPath productWrite = audit(Map.of("requestId", applyProduct));
        assertThat(productWrite.getList("items.action")).containsExactly("product.created");
        assertThat(productWrite.getString("items[0].targetId")).isEqualTo(product);
        assertThat(productWrite.getString("items[0].actor")).isEqualTo("dora-" + domain);

        assertThat(audit(Map.of("actor", "dora-" + domain)).getList("items.targetId"))
                .containsExactly(product);
        // The older one-object trail takes the same filters.
        Api.admin()
                .queryParam("action", "product.created")
                .get(Api.BASE + "/products/" + product + "/audit")
                .then()
                .statusCode(200)
                .body("items.requestId", org.hamcrest.Matchers.contains(applyProduct));
    }

    @Test
    void theWholeTrailIsForPlatformAdminsOnly() {
        Api.anonymous().get(AUDIT).then().statusCode(401).contentType("application/problem+json");
        for (String token :
                List.of(TestTokens.dataConsumer(), TestTokens.governanceOfficer(), TestTokens.domainOwner("retail"))) {
            Api.as(token).get(AUDIT).then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void badFiltersAre400ProblemsNamingTheParameter() {
        Api.admin()
                .queryParam("since", "last week")
                .queryParam("limit", "201")
                .get(AUDIT)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("since"))
                .body("errors.path", hasItem("limit"));
        String domain = Api.newDomain("audit-target");
        Api.admin()
                .queryParam("targetType", "product")
                .get(Api.BASE + "/domains/" + domain + "/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("targetType"));
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

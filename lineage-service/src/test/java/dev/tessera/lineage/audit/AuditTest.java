package dev.tessera.lineage.audit;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lineage's audit trail answers the platform-wide audit filters. */
@QuarkusTest
@LineageTestResources
class AuditTest {

    private static final String AUDIT = Api.BASE + "/audit";

    @Test
    void anIngestCallIsFoundByItsRequestIdWithSenderAndClient() {
        String ns = unique("audit-filter");
        String requestId = "audit-" + UUID.randomUUID();
        Api.as(Api.producerToken())
                .header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body(run("START", UUID.randomUUID().toString(), ns, "load", "in", "out"))
                .post(Api.BASE)
                .then()
                .statusCode(201);

        JsonPath trail = Api.admin()
                .queryParam("requestId", requestId)
                .get(AUDIT)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trail.getList("items.action")).containsExactly("openlineage.ingested");
        assertThat(trail.getString("items[0].actor")).isEqualTo("airflow-openlineage");
        assertThat(trail.getString("items[0].clientId")).isEqualTo("tessera-cli");
        assertThat(trail.getString("items[0].targetType")).isEqualTo("lineage");
        assertThat(trail.getInt("items[0].detail.accepted")).isEqualTo(1);
        assertThat(Api.admin()
                        .queryParam("requestId", requestId)
                        .queryParam("actor", "someone-else")
                        .get(AUDIT)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
    }

    @Test
    void callersWithoutAuditRightsAreRefused() {
        Api.as(TestTokens.dataConsumer()).get(AUDIT).then().statusCode(403).contentType("application/problem+json");
        Api.as(TestTokens.domainOwner("retail"))
                .get(AUDIT)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.as(Api.producerToken()).get(AUDIT).then().statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().get(AUDIT).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void badFiltersAre400Problems() {
        for (List<String> bad :
                List.of(List.of("before", "soon"), List.of("limit", "-5"), List.of("cursor", "MTIzYWJj"))) {
            Api.admin()
                    .queryParam(bad.get(0), bad.get(1))
                    .get(AUDIT)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.path", hasItem(bad.get(0)));
        }
    }
}

package dev.tessera.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** One OpenAPI document for the platform, built from each service's own, at public paths. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AggregatedOpenApiTest {

    @Test
    void mergesEveryReachableServiceAtItsPublicPathsWithoutNameClashes() {
        JsonPath doc = Calls.anonymous()
                .get("/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(doc.getMap("paths").keySet())
                .contains("/api/registry/v1/things", "/api/governance/v1/things", "/api/lineage/v1/things");
        assertThat(doc.getMap("components.schemas").keySet())
                .contains("registry_Problem", "governance_Problem", "lineage_Thing");
        assertThat(doc.getString(
                        "paths.'/api/registry/v1/things'.get.responses.'200'.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/registry_Thing");
        assertThat(doc.getString("components.schemas.governance_Thing.properties.problem.$ref"))
                .isEqualTo("#/components/schemas/governance_Problem");
        assertThat(doc.getList("x-tessera-unavailable")).containsExactly("catalog");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
    }

    @Test
    void swaggerUiIsServed() {
        Calls.anonymous().get("/q/swagger-ui/").then().statusCode(200);
    }
}

package dev.tessera.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.registry.support.RegistryTestResources;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@RegistryTestResources
class HealthTest {

    @Test
    void readinessIsUpWithRealDatabaseAndBroker() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void apiRequiresABearerToken() {
        given().when().get("/api/registry/v1/products").then().statusCode(401);
    }
}

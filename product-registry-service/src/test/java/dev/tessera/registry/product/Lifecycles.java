package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.as;

import dev.tessera.testkit.TestTokens;
import io.restassured.http.ContentType;
import java.util.Map;

/** Lifecycle steps the product tests need, through the API. */
final class Lifecycles {

    private Lifecycles() {}

    static void requestPublish(String ownerToken, String id, String version) {
        as(ownerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("to", "PENDING_APPROVAL"))
                .post(BASE + "/products/" + id + "/versions/" + version + "/transitions")
                .then()
                .statusCode(200);
    }

    /** Owner requests publishing, a governance officer approves. */
    static void publish(String ownerToken, String id, String version) {
        requestPublish(ownerToken, id, version);
        as(TestTokens.governanceOfficer())
                .contentType(ContentType.JSON)
                .body(Map.of("to", "PUBLISHED"))
                .post(BASE + "/products/" + id + "/versions/" + version + "/transitions")
                .then()
                .statusCode(200);
    }
}

package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.applyYaml;
import static dev.tessera.registry.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@RegistryTestResources
class LifecycleTest {

    String domain;
    String owner;
    String id;

    @BeforeEach
    void draft() {
        domain = Api.newDomain("finance");
        owner = TestTokens.domainOwner(domain);
        id = Api.newProductId("ledger");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
    }

    @Test
    void aVersionWalksTheWholeLifecycle() {
        move(owner, Map.of("to", "PENDING_APPROVAL")).statusCode(200).body("status", equalTo("PENDING_APPROVAL"));
        move(TestTokens.governanceOfficer(), Map.of("to", "PUBLISHED"))
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("latestPublishedVersion", equalTo("1.0.0"))
                .body("descriptor.status", equalTo("active"));
        String sunset = LocalDate.now().plusDays(90).toString();
        move(owner, Map.of("to", "DEPRECATED", "sunsetDate", sunset))
                .statusCode(200)
                .body("versions[0].status", equalTo("DEPRECATED"))
                .body("versions[0].sunsetDate", equalTo(sunset));
        move(owner, Map.of("to", "RETIRED")).statusCode(200).body("status", equalTo("RETIRED"));
    }

    @Test
    void anIllegalTransitionIs409WithTheAllowedOnesListed() {
        move(owner, Map.of("to", "PUBLISHED"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tessera.dev/problems/illegal-transition"))
                .body("from", equalTo("DRAFT"))
                .body("allowed", contains("PENDING_APPROVAL"));
    }

    @Test
    void aRejectionReturnsTheVersionToDraftWithReasonsReadableOnTheProduct() {
        move(owner, Map.of("to", "PENDING_APPROVAL")).statusCode(200);

        move(TestTokens.governanceOfficer(), Map.of("to", "DRAFT"))
                .statusCode(400)
                .body("errors[0].path", equalTo("/reasons"));
        move(TestTokens.governanceOfficer(), Map.of("to", "DRAFT", "reasons", java.util.List.of("no SLA declared")))
                .statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("versions[0].statusReasons", contains("no SLA declared"));
    }

    @Test
    void ownersCannotApproveTheirOwnPublishRequest() {
        move(owner, Map.of("to", "PENDING_APPROVAL")).statusCode(200);

        move(owner, Map.of("to", "PUBLISHED")).statusCode(403).body("detail", containsString("governance officers"));
    }

    @Test
    void deprecationNeedsASunsetDateInTheFutureAndAnExistingSuccessor() {
        Lifecycles.publish(owner, id, "1.0.0");

        move(owner, Map.of("to", "DEPRECATED")).statusCode(400).body("errors[0].path", equalTo("/sunsetDate"));
        move(
                        owner,
                        Map.of(
                                "to",
                                "DEPRECATED",
                                "sunsetDate",
                                LocalDate.now().minusDays(1).toString()))
                .statusCode(400);
        move(
                        owner,
                        Map.of(
                                "to",
                                "DEPRECATED",
                                "sunsetDate",
                                LocalDate.now().plusDays(30).toString(),
                                "successor",
                                "9.9.9"))
                .statusCode(400)
                .body("errors[0].path", equalTo("/successor"));
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.1.0")).then().statusCode(200);
        move(
                        owner,
                        Map.of(
                                "to",
                                "DEPRECATED",
                                "sunsetDate",
                                LocalDate.now().plusDays(30).toString(),
                                "successor",
                                "1.1.0"))
                .statusCode(200)
                .body("versions[0].successor", equalTo("1.1.0"));
    }

    @Test
    void anUnknownTargetStateIsABadRequest() {
        move(owner, Map.of("to", "LAUNCHED")).statusCode(400).body("errors[0].path", equalTo("/to"));
    }

    private ValidatableResponse move(String token, Map<String, Object> body) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + "/products/" + id + "/versions/1.0.0/transitions")
                .then();
    }
}

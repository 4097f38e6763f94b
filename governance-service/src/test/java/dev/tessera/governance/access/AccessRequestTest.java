package dev.tessera.governance.access;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@GovernanceTestResources
class AccessRequestTest {

    private static final String CONSUMER = TestTokens.user("carla-consumer", Set.of("data-consumer"), List.of());

    private final ProductEvents registry = new ProductEvents();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aRequestWalksRequestedApprovedActiveRevokedWithAnEventPerStep() {
        String domain = unique("access");
        String product = knownProduct(domain, ProductEvents.compliant(unique("orders"), domain));
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.ACCESS)) {
            String id = request(CONSUMER, product, Instant.now().plus(Duration.ofDays(30)))
                    .statusCode(201)
                    .body("request.status", equalTo("REQUESTED"))
                    .extract()
                    .path("request.requestId");

            step(CONSUMER, id, "decision", "APPROVED", null).statusCode(403);
            step(TestTokens.domainOwner(domain), id, "decision", "APPROVED", null)
                    .statusCode(200)
                    .body("request.status", equalTo("APPROVED"));
            step(TestTokens.platformAdmin(), id, "provisioning", "ACTIVE", null)
                    .statusCode(200)
                    .body("request.status", equalTo("ACTIVE"));
            step(TestTokens.domainOwner(domain), id, "revocation", null, "consumer left the company")
                    .statusCode(200)
                    .body("request.status", equalTo("REVOKED"))
                    .body("request.history.status", equalTo(List.of("REQUESTED", "APPROVED", "ACTIVE", "REVOKED")))
                    .body("request.history[1].actor", equalTo("dora-" + domain));

            List<CloudEventRecord> events = await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.matching(e -> id.equals(e.key())), e -> e.size() >= 4);
            assertThat(events)
                    .extracting(CloudEventRecord::type)
                    .containsExactly(
                            EventType.ACCESS_REQUESTED.type(),
                            EventType.ACCESS_APPROVED.type(),
                            EventType.ACCESS_ACTIVATED.type(),
                            EventType.ACCESS_REVOKED.type());
            assertThat(events).extracting(CloudEventRecord::sequence).containsExactly(1L, 2L, 3L, 4L);
            for (CloudEventRecord e : events) {
                assertThat(EventSchemas.validate(EventType.fromType(e.type()).orElseThrow(), e.data()))
                        .isEmpty();
            }
        }
    }

    @Test
    void aRequestExpiresOnItsOwnWhenItsTimeIsUp() {
        String domain = unique("expiry");
        String product = knownProduct(domain, ProductEvents.compliant(unique("orders"), domain));
        String id = request(CONSUMER, product, Instant.now().plus(Duration.ofSeconds(2)))
                .statusCode(201)
                .extract()
                .path("request.requestId");

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "EXPIRED"
                        .equals(Api.as(CONSUMER)
                                .get(Api.BASE + "/access-requests/" + id)
                                .then()
                                .extract()
                                .path("request.status")));
        Api.as(CONSUMER)
                .get(Api.BASE + "/access-requests/" + id)
                .then()
                .body("request.history[1].actor", equalTo("system"));
    }

    @Test
    void aContractThatAllowsItIsApprovedOnRequest() {
        String domain = unique("auto");
        ObjectNode descriptor = ProductEvents.compliant(unique("orders"), domain);
        ((ObjectNode) descriptor.path("outputPorts").get(0).path("contract"))
                .putArray("customProperties")
                .addObject()
                .put("property", "accessPolicy")
                .put("value", "auto-approve");
        String product = knownProduct(domain, descriptor);

        request(CONSUMER, product, Instant.now().plus(Duration.ofDays(1)))
                .statusCode(201)
                .body("request.status", equalTo("APPROVED"))
                .body("request.history[1].actor", equalTo("governance"));
    }

    @Test
    void anApproverNamedByTheContractsRolesMayDecide() {
        String domain = unique("roles");
        ObjectNode descriptor = ProductEvents.compliant(unique("orders"), domain);
        ((ObjectNode) descriptor.path("outputPorts").get(0).path("contract"))
                .putArray("roles")
                .addObject()
                .put("role", "analyst")
                .put("firstLevelApprovers", "rita-steward");
        String product = knownProduct(domain, descriptor);
        String id = request(CONSUMER, product, Instant.now().plus(Duration.ofDays(1)))
                .statusCode(201)
                .body("namedApprovers", equalTo(List.of("rita-steward")))
                .extract()
                .path("request.requestId");

        step(TestTokens.user("rita-steward", Set.of("data-consumer"), List.of()), id, "decision", "REJECTED", null)
                .statusCode(400)
                .body("errors[0].path", equalTo("/reason"));
        step(TestTokens.user("rita-steward", Set.of("data-consumer"), List.of()), id, "decision", "REJECTED", "no")
                .statusCode(200)
                .body("request.status", equalTo("REJECTED"));
        step(TestTokens.platformAdmin(), id, "provisioning", "ACTIVE", null).statusCode(409);
    }

    @Test
    void aRequestForAPortTheProductDoesNotOfferIsRefusedNamingTheField() {
        String domain = unique("noport");
        String product = knownProduct(domain, ProductEvents.compliant(unique("orders"), domain));
        Map<String, Object> body = body(product, Instant.now().plus(Duration.ofDays(1)));
        body.put("portName", "nope");

        Api.as(CONSUMER)
                .contentType(ContentType.JSON)
                .body(body)
                .post(Api.BASE + "/access-requests")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/portName"));
    }

    @Test
    void anotherConsumerCannotSeeSomeoneElsesRequest() {
        String domain = unique("private");
        String product = knownProduct(domain, ProductEvents.compliant(unique("orders"), domain));
        String id = request(CONSUMER, product, Instant.now().plus(Duration.ofDays(1)))
                .statusCode(201)
                .extract()
                .path("request.requestId");

        Api.as(TestTokens.dataConsumer())
                .get(Api.BASE + "/access-requests/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void theConsumingProductMustBelongToOneOfTheCallersDomains() {
        String offering = unique("offers");
        String product = knownProduct(offering, ProductEvents.compliant(unique("orders"), offering));
        String mine = unique("mine");
        String myProduct = knownProduct(mine, ProductEvents.compliant(unique("reports"), mine));
        String theirs = unique("theirs");
        String theirProduct = knownProduct(theirs, ProductEvents.compliant(unique("reports"), theirs));
        Instant until = Instant.now().plus(Duration.ofDays(1));

        consuming(TestTokens.domainOwner(mine), product, theirProduct, until)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(theirs));
        consuming(CONSUMER, product, theirProduct, until).statusCode(403);
        consuming(TestTokens.domainOwner(mine), product, myProduct, until)
                .statusCode(201)
                .body("request.consumer.domainId", equalTo(mine));
        consuming(TestTokens.platformAdmin(), product, theirProduct, until).statusCode(201);
    }

    private static ValidatableResponse consuming(String token, String product, String consumingProduct, Instant until) {
        Map<String, Object> body = body(product, until);
        body.put("consumingProductId", consumingProduct);
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(Api.BASE + "/access-requests")
                .then();
    }

    /** Makes governance know a product (as the registry would publish it) and returns its id. */
    private String knownProduct(String domain, ObjectNode descriptor) {
        String id = descriptor.path("id").asText();
        registry.send(EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, descriptor));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.officer()
                                .get(Api.BASE + "/products/" + id + "/evaluation")
                                .statusCode()
                        == 200);
        return id;
    }

    private static ValidatableResponse request(String token, String product, Instant until) {
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(body(product, until))
                .post(Api.BASE + "/access-requests")
                .then();
    }

    private static Map<String, Object> body(String product, Instant until) {
        Map<String, Object> body = new HashMap<>();
        body.put("productId", product);
        body.put("portName", "orders-table");
        body.put("purpose", "Monthly revenue reconciliation in finance");
        body.put("requestedUntil", until.toString());
        return body;
    }

    private static ValidatableResponse step(String token, String id, String action, String status, String reason) {
        Map<String, Object> body = new HashMap<>();
        if (status != null) {
            body.put("status", status);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(Api.BASE + "/access-requests/" + id + "/" + action)
                .then();
    }
}

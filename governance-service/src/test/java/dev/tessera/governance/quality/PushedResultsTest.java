package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.PORT;
import static dev.tessera.governance.quality.QualityFixtures.awaitKnown;
import static dev.tessera.governance.quality.QualityFixtures.awaitStatus;
import static dev.tessera.governance.support.Api.BASE;
import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.QualityObservations;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tools that do not speak OpenLineage push results for a port; they decide rules lineage's facts cannot. */
@QuarkusTest
@GovernanceTestResources
class PushedResultsTest {

    private static final String PIPELINE = TestTokens.user("soda-runner", Set.of("lineage-producer"), List.of());

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void aPushedResultDecidesAnSqlRuleTheFactsCouldNot() {
        String domain = unique("push");
        String id = product(domain, QualityFixtures.withSqlRule(unique("orders"), domain));
        lineage.send(QualityObservations.observation(id, domain, PORT, Instant.now(), true, List.of(), 500L));
        JsonPath undecided = await().atMost(Duration.ofSeconds(30))
                .until(() -> QualityFixtures.quality(id), q -> !q.getList("ports[0].checks")
                        .isEmpty());
        assertThat(undecided.getString("status")).isEqualTo("UNKNOWN");
        assertThat(undecided.getList("ports[0].checks.outcome")).containsExactlyInAnyOrder("PASS", "UNKNOWN");

        push(PIPELINE, id, PORT, result("no negative amounts", "\"success\": true"))
                .statusCode(200)
                .body("status", equalTo("PASSING"));
        JsonPath decided = awaitStatus(id, "PASSING");
        assertThat(decided.getList("ports[0].checks.source")).contains("PUSHED");
        assertThat(decided.getList("ports[0].checks.outcome")).doesNotContain("UNKNOWN");

        // A value is decided against the named rule's operator and threshold: 7 rows are not more than 100.
        push(TestTokens.domainOwner(domain), id, PORT, result("enough orders", "\"value\": 7"))
                .statusCode(200)
                .body("status", equalTo("FAILING"))
                .body("checks[0].observed", equalTo("7"))
                .body("checks[0].threshold", equalTo("100"));
    }

    @Test
    void onlyAdminsDomainOwnersAndPipelinesMayPush() {
        String domain = unique("push");
        String id = product(domain, ProductEvents.compliant(unique("orders"), domain));
        String body = result("row check", "\"success\": true");

        push(TestTokens.dataConsumer(), id, PORT, body).statusCode(403);
        push(TestTokens.governanceOfficer(), id, PORT, body).statusCode(403);
        push(TestTokens.domainOwner(unique("other")), id, PORT, body).statusCode(403);
        push(TestTokens.domainOwner(domain), id, PORT, body).statusCode(200);
        push(TestTokens.platformAdmin(), id, PORT, body).statusCode(200);
        push(PIPELINE, id, PORT, body).statusCode(200).body("status", equalTo("PASSING"));
        Api.anonymous()
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + "/products/" + id + "/ports/" + PORT + "/quality/results")
                .then()
                .statusCode(401);
    }

    @Test
    void unknownProductsAndPortsAreNotFound() {
        String domain = unique("push");
        String id = product(domain, ProductEvents.compliant(unique("orders"), domain));
        String body = result("row check", "\"success\": true");

        push(PIPELINE, unique("absent"), PORT, body).statusCode(404).contentType("application/problem+json");
        push(PIPELINE, id, "no-such-port", body).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String domain = unique("push");
        String id = product(domain, ProductEvents.compliant(unique("orders"), domain));
        String now = Instant.now().toString();

        Map<String, String> cases = Map.of(
                "{\"results\": [{\"check\": \"c\", \"success\": true, \"observedAt\": \"" + now + "\"}]}",
                "/tool",
                "{\"tool\": \"soda\", \"results\": []}",
                "/results",
                "{\"tool\": \"soda\", \"results\": [{\"success\": true, \"observedAt\": \"" + now + "\"}]}",
                "/results/0/check",
                "{\"tool\": \"soda\", \"results\": [{\"check\": \"c\", \"success\": true}]}",
                "/results/0/observedAt",
                "{\"tool\": \"soda\", \"results\": [{\"check\": \"c\", \"observedAt\": \"" + now + "\"}]}",
                "/results/0/success",
                "{\"tool\": \"soda\", \"results\": [{\"check\": \"free\", \"value\": 3, \"observedAt\": \"" + now
                        + "\"}]}",
                "/results/0/success",
                "{\"tool\": \"soda\", \"results\": [{\"check\": \"c\", \"success\": true, \"observedAt\": \""
                        + Instant.now().plusSeconds(86_400) + "\"}]}",
                "/results/0/observedAt");
        cases.forEach((body, field) -> Api.as(PIPELINE)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + "/products/" + id + "/ports/" + PORT + "/quality/results")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo(field)));
        assertThat(QualityFixtures.quality(id).getString("status")).isEqualTo("UNKNOWN");
    }

    private String product(String domain, com.fasterxml.jackson.databind.node.ObjectNode descriptor) {
        String id = descriptor.path("id").asText();
        registry.send(EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, descriptor));
        awaitKnown(id);
        return id;
    }

    private static String result(String check, String decision) {
        return "{\"tool\": \"soda\", \"results\": [{\"check\": \"" + check + "\", " + decision + ", \"observedAt\": \""
                + Instant.now() + "\", \"runId\": \"run-1\"}]}";
    }

    private static ValidatableResponse push(String token, String productId, String port, String body) {
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(BASE + "/products/" + productId + "/ports/" + port + "/quality/results")
                .then();
    }
}

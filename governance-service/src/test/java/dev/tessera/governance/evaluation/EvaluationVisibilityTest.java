package dev.tessera.governance.evaluation;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluations of unpublished versions carry draft content as evidence: only the owning domain's
 * owners, governance officers and platform admins see them; everyone else sees published versions.
 */
@QuarkusTest
@GovernanceTestResources
class EvaluationVisibilityTest {

    private final ProductEvents registry = new ProductEvents();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void othersSeeOnlyEvaluationsOfPublishedVersions() {
        String domain = unique("vis");
        String id = unique("orders");
        JsonNode descriptor = ProductEvents.compliant(id, domain);
        registry.send(EventType.PRODUCT_UPDATED, ProductEvents.published(id, domain, 1, descriptor));
        registry.send(EventType.PRODUCT_UPDATED, ProductEvents.withDraft(id, domain, 2, descriptor));
        awaitEvaluations(id, 2);

        for (String outsider : List.of(TestTokens.dataConsumer(), TestTokens.domainOwner(unique("other")))) {
            Api.as(outsider)
                    .get(Api.BASE + "/products/" + id + "/evaluation")
                    .then()
                    .statusCode(200)
                    .body("version", equalTo("1.0.0"));
            List<String> versions = Api.as(outsider)
                    .get(Api.BASE + "/products/" + id + "/evaluations")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.version");
            assertThat(versions).containsExactly("1.0.0");
        }
        for (String insider :
                List.of(TestTokens.domainOwner(domain), TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            Api.as(insider)
                    .get(Api.BASE + "/products/" + id + "/evaluation")
                    .then()
                    .statusCode(200)
                    .body("version", equalTo("2.0.0"));
        }
    }

    @Test
    void aProductWithNothingPublishedIsNotFoundForOthers() {
        String domain = unique("vis");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
        awaitEvaluations(id, 1);

        Api.as(TestTokens.dataConsumer())
                .get(Api.BASE + "/products/" + id + "/evaluation")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(TestTokens.dataConsumer())
                .get(Api.BASE + "/products/" + id + "/evaluations")
                .then()
                .statusCode(404);
        Api.as(TestTokens.domainOwner(domain))
                .get(Api.BASE + "/products/" + id + "/evaluation")
                .then()
                .statusCode(200);
    }

    private static void awaitEvaluations(String productId, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Api.officer()
                                .get(Api.BASE + "/products/" + productId + "/evaluations")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Integer>>path("items.sequence"),
                        s -> s.size() >= count);
    }
}

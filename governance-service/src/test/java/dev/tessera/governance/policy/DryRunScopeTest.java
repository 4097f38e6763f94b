package dev.tessera.governance.policy;

import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A dry run is held to the scope rules of saving, and shows only what its caller may read. */
@QuarkusTest
@GovernanceTestResources
class DryRunScopeTest {

    private final ProductEvents registry = new ProductEvents();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aDomainOwnerCannotDryRunAPolicyOfAScopeTheyCannotSave() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        knownProduct(theirs);
        String owner = TestTokens.domainOwner(mine);

        dryRun(owner, Map.of("policy", Api.policy("peek", "GLOBAL", "WARNING", "has(product.team)")))
                .statusCode(403)
                .contentType("application/problem+json");
        dryRun(owner, Map.of("policy", Api.policy("peek", theirs, "WARNING", "has(product.team)")))
                .statusCode(403);
        dryRun(owner, Map.of("policyId", "owner-and-support")).statusCode(403);
    }

    @Test
    void aDryRunOfTheOwnersScopeShowsOnlyTheirDomainsProducts() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        String myProduct = knownProduct(mine);
        knownProduct(theirs);

        List<String> domains = dryRun(
                        TestTokens.domainOwner(mine),
                        Map.of("policy", Api.policy("peek", mine, "WARNING", "has(product.team)")))
                .statusCode(200)
                .extract()
                .path("results.domainId");

        assertThat(domains).containsOnly(mine);
        dryRun(
                        TestTokens.governanceOfficer(),
                        Map.of("policy", Api.policy("peek", "GLOBAL", "WARNING", "has(product.team)")))
                .statusCode(200)
                .body("results.find { it.productId == '" + myProduct + "' }.domainId", equalTo(mine));
    }

    @Test
    void aDescriptorNamingAnotherDomainsProductIsRefused() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        String theirProduct = knownProduct(theirs);
        Map<String, Object> body = new HashMap<>();
        body.put("policy", Api.policy("peek", mine, "WARNING", "size(consumers) == 0"));
        body.put("descriptor", ProductEvents.compliant(theirProduct, mine));

        dryRun(TestTokens.domainOwner(mine), body).statusCode(403).contentType("application/problem+json");
    }

    /** Makes governance know a compliant product of the domain and returns its id. */
    private String knownProduct(String domain) {
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.officer()
                                .get(Api.BASE + "/products/" + id + "/evaluation")
                                .statusCode()
                        == 200);
        return id;
    }

    private static ValidatableResponse dryRun(String token, Map<String, Object> body) {
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(Api.BASE + "/policies/dry-run")
                .then();
    }
}

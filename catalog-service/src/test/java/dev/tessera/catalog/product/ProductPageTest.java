package dev.tessera.catalog.product;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class ProductPageTest {

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void thePageShowsComplianceLineageAndTheCallersAccess() {
        String domain = unique("sales");
        String id = unique("orders");
        String consumerA = unique("revenue");
        String consumerB = unique("churn");
        String upstream = unique("customers");
        Events.product(Events.published(
                id,
                domain,
                3,
                Events.descriptor(id, "Orders", domain, "All orders", List.of("sales"), "olga", "tables", true)));
        Events.evaluation(id, domain, 1, 50, "D", "docs-link");
        Events.evaluation(id, domain, 2, 80, "B", "sla");
        Events.edge(unique("e"), id, consumerA, "finance", true, 1);
        String removed = unique("e");
        Events.edge(removed, id, consumerB, "ml", true, 1);
        Events.edge(removed, id, consumerB, "ml", false, 2);
        Events.edge(unique("e"), upstream, id, domain, true, 1);
        String request = unique("ar");
        Events.access(request, id, domain, "carl-consumer", "REQUESTED", 1);
        Events.access(request, id, domain, "carl-consumer", "ACTIVE", 3);
        Events.access(unique("ar"), id, domain, "someone-else", "REJECTED", 1);

        await().atMost(WAIT).untilAsserted(() -> Api.consumer()
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("compliance.score", equalTo(80.0f))
                .body("compliance.rating", equalTo("B"))
                .body("compliance.failingPolicies.policyId", contains("sla"))
                .body("lineage.upstreamCount", equalTo(1))
                .body("lineage.downstreamCount", equalTo(1))
                .body("lineage.consumers.productId", contains(consumerA))
                .body("access.status", equalTo("ACTIVE"))
                .body("access.requests", hasSize(1))
                .body("containsPii", equalTo(true))
                .body("outputPorts[0].name", equalTo(id + "-port"))
                .body("outputPorts[0].properties", equalTo(2)));

        Api.as(TestTokens.user("nina-newcomer", Set.of("data-consumer"), List.of()))
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("access.status", equalTo("NONE"));
        Api.consumer().get(Api.BASE + "/products/" + unique("nothing")).then().statusCode(404);
    }
}

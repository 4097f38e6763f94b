package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.awaitKnown;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who reads quality: a product's like its evaluation; unmapped datasets for officers and admins. */
@QuarkusTest
@GovernanceTestResources
class QualityReadTest {

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void aDraftsQualityIsForItsOwnersOfficersAndAdminsAPublishedOnesForEveryone() {
        String domain = unique("qvis");
        String draft = unique("orders");
        String published = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED,
                ProductEvents.state(draft, domain, 1, ProductEvents.compliant(draft, domain)));
        registry.send(
                EventType.PRODUCT_UPDATED,
                ProductEvents.published(published, domain, 1, ProductEvents.compliant(published, domain)));
        awaitKnown(draft);
        awaitKnown(published);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.as(TestTokens.dataConsumer())
                                .get(BASE + "/products/" + published + "/evaluation")
                                .statusCode()
                        == 200);

        for (String insider :
                List.of(TestTokens.domainOwner(domain), TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            Api.as(insider).get(BASE + "/products/" + draft + "/quality").then().statusCode(200);
        }
        for (String outsider : List.of(TestTokens.dataConsumer(), TestTokens.domainOwner(unique("other")))) {
            Api.as(outsider)
                    .get(BASE + "/products/" + draft + "/quality")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            Api.as(outsider)
                    .get(BASE + "/products/" + published + "/quality")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UNKNOWN"));
        }
        Api.officer()
                .get(BASE + "/products/" + unique("absent") + "/quality")
                .then()
                .statusCode(404);
    }

    @Test
    void datasetsNoPortMapsToAreListedForOfficers() {
        String dataset = "s3://lake/" + unique("orphan");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lineage.send(
                QualityObservations.unmapped(dataset, at.minusSeconds(60), 10),
                QualityObservations.unmapped(dataset, at, 12));

        Map<String, Object> listed = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(dataset), row -> row != null && ((Number) row.get("observations")).intValue() == 2);
        assertThat(listed.get("lastSeenAt")).isEqualTo(at.toString());
        assertThat(listed.get("lastFacts").toString()).contains("rowCount=12");
        assertThat(listed.get("names").toString()).contains(dataset);

        Api.as(TestTokens.dataConsumer()).get(BASE + "/quality/unmapped").then().statusCode(403);
        Api.as(TestTokens.domainOwner("retail"))
                .get(BASE + "/quality/unmapped")
                .then()
                .statusCode(403);
        Api.as(TestTokens.platformAdmin())
                .get(BASE + "/quality/unmapped")
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> find(String dataset) {
        String cursor = null;
        do {
            var page = Api.officer()
                    .queryParam("limit", 200)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get(BASE + "/quality/unmapped")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                if (dataset.equals(item.get("datasetName"))) {
                    return item;
                }
            }
            cursor = page.getString("next");
        } while (cursor != null);
        return null;
    }
}

package dev.tessera.catalog.search;

import static dev.tessera.catalog.search.SearchTest.facet;
import static dev.tessera.catalog.search.SearchTest.ids;
import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a caller may not see never appears: not in hits, not in facet counts, not as a product page. */
@QuarkusTest
@CatalogTestResources
class AuthorizationTest {

    private String domain;
    private String published;
    private String draft;
    private String evolving;

    @BeforeEach
    void products() {
        Api.awaitReady();
        domain = unique("secret");
        published = unique("pub");
        draft = unique("draft");
        evolving = unique("evolving");
        Events.product(Events.published(
                published,
                domain,
                1,
                Events.descriptor(
                        published,
                        "Visible Shipments",
                        domain,
                        "Shipments everyone may find",
                        List.of("shipping"),
                        "sam",
                        "tables",
                        false)));
        Events.product(Events.draft(
                draft,
                domain,
                1,
                Events.descriptor(
                        draft,
                        "Hidden Shipments Draft",
                        domain,
                        "Shipments still being drafted",
                        List.of("shipping", "confidential"),
                        "sam",
                        "api",
                        true)));
        Events.product(Events.publishedWithDraft(
                evolving,
                domain,
                2,
                Events.descriptor(
                        evolving,
                        "Shipment Costs",
                        domain,
                        "Costs per shipment",
                        List.of("shipping"),
                        "sam",
                        "tables",
                        false),
                Events.descriptor(
                        evolving,
                        "Shipment Costs Renamed",
                        domain,
                        "Costs per shipment with carbon estimate",
                        List.of("shipping", "carbon"),
                        "sam",
                        "tables",
                        false)));
        await().atMost(WAIT)
                .until(() -> search(TestTokens.platformAdmin(), Map.of("domain", domain))
                                .getInt("total")
                        == 3);
    }

    @Test
    void aConsumerFindsOnlyPublishedProductsAndTheirPublishedVersions() {
        JsonPath result = search(TestTokens.dataConsumer(), Map.of("q", "shipments", "domain", domain));
        assertThat(ids(result)).containsExactlyInAnyOrder(published, evolving);
        assertThat(result.getInt("total")).isEqualTo(2);
        assertThat(facet(result, "tag")).containsEntry("shipping", 2).doesNotContainKeys("confidential", "carbon");
        assertThat(facet(result, "pii")).doesNotContainKey("true");
        assertThat(facet(result, "portType")).doesNotContainKey("api");
        assertThat(facet(result, "status")).containsOnlyKeys("PUBLISHED");
        // The draft's words do not lead to it, nor to the unpublished version of a published product.
        assertThat(ids(search(TestTokens.dataConsumer(), Map.of("q", "drafted", "domain", domain))))
                .isEmpty();
        assertThat(ids(search(TestTokens.dataConsumer(), Map.of("q", "carbon", "domain", domain))))
                .isEmpty();
        assertThat(ids(search(TestTokens.dataConsumer(), Map.of("domain", domain, "status", "DRAFT"))))
                .isEmpty();
        // Counts of a facet the caller filters on leave that filter out, never the caller's visibility.
        JsonPath byStatus = search(TestTokens.dataConsumer(), Map.of("domain", domain, "status", "PUBLISHED"));
        assertThat(facet(byStatus, "status")).containsOnly(Map.entry("PUBLISHED", 2));
        JsonPath byTag = search(TestTokens.dataConsumer(), Map.of("domain", domain, "tag", "shipping"));
        assertThat(facet(byTag, "tag")).doesNotContainKeys("confidential", "carbon");
        assertThat(Api.consumer()
                        .queryParam("q", "hidden")
                        .get(Api.BASE + "/suggest")
                        .jsonPath()
                        .getList("items.id", String.class))
                .doesNotContain(draft);
    }

    @Test
    void theOwningDomainsOwnersSeeTheirDraftsAndOthersDoNot() {
        String owner = TestTokens.domainOwner(domain);
        JsonPath own = search(owner, Map.of("q", "shipments", "domain", domain));
        assertThat(ids(own)).containsExactlyInAnyOrder(published, draft, evolving);
        assertThat(facet(own, "status")).containsEntry("DRAFT", 2).containsEntry("PUBLISHED", 1);
        assertThat(ids(search(owner, Map.of("q", "carbon", "domain", domain)))).containsExactly(evolving);

        String otherOwner = TestTokens.domainOwner(unique("elsewhere"));
        assertThat(ids(search(otherOwner, Map.of("q", "shipments", "domain", domain))))
                .containsExactlyInAnyOrder(published, evolving);
    }

    @Test
    void aGroupThatIsNotTheDomainsOwnerGroupShowsNoDrafts() {
        for (String group : List.of("/other/" + domain, domain, "/domains/" + domain + "/team")) {
            String lookalike = TestTokens.inGroups("lookalike", Set.of("domain-owner"), List.of(group));
            assertThat(ids(search(lookalike, Map.of("q", "shipments", "domain", domain))))
                    .as("a member of %s", group)
                    .containsExactlyInAnyOrder(published, evolving);
        }
    }

    @Test
    void governanceOfficersAndAdminsSeeEverything() {
        for (String token : List.of(TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            JsonPath all = search(token, Map.of("domain", domain));
            assertThat(ids(all)).containsExactlyInAnyOrder(published, draft, evolving);
            assertThat(facet(all, "tag")).containsEntry("confidential", 1).containsEntry("carbon", 1);
        }
    }

    @Test
    void aProductPageOfAnInvisibleProductIsNotFoundAndAPublishedOneShowsThePublishedVersion() {
        Api.consumer()
                .get(Api.BASE + "/products/" + draft)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.consumer()
                .get(Api.BASE + "/products/" + evolving)
                .then()
                .statusCode(200)
                .body("name", equalTo("Shipment Costs"))
                .body("version", equalTo("1.0.0"))
                .body("versions.version", equalTo(List.of("1.0.0")));
        Api.as(TestTokens.domainOwner(domain))
                .get(Api.BASE + "/products/" + evolving)
                .then()
                .statusCode(200)
                .body("name", equalTo("Shipment Costs Renamed"))
                .body("version", equalTo("1.1.0"))
                .body("status", equalTo("DRAFT"));
        Api.as(TestTokens.domainOwner(domain))
                .get(Api.BASE + "/products/" + draft)
                .then()
                .statusCode(200);
    }

    static JsonPath search(String token, Map<String, String> params) {
        return Api.as(token)
                .queryParams(params)
                .queryParam("limit", 200)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}

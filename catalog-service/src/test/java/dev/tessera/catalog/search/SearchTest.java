package dev.tessera.catalog.search;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.catalog.index.Facet;
import dev.tessera.catalog.index.Facets;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class SearchTest {

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aPublishedProductBecomesSearchableByNameDescriptionTagOwnerPortAndSchema() {
        String domain = unique("shop");
        String id = unique("orders");
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(
                        id,
                        "Webshop Orders " + id,
                        domain,
                        "Every order placed in the storefront",
                        List.of("sales", "revenue"),
                        "annika",
                        "tables",
                        true)));

        await().atMost(WAIT).until(() -> ids(search(Map.of("q", "storefront", "domain", domain)))
                .contains(id));
        for (String q : List.of("webshop", "revenue", "annika", id + "-port", "customer_email", "receipts", domain)) {
            assertThat(ids(search(Map.of("q", q, "domain", domain)))).as(q).containsExactly(id);
        }
    }

    @Test
    void typosStillFindTheProductAndLongTechnicalNamesToo() {
        String domain = unique("logistics");
        String longName = "warehouse_inventory_replenishment_forecast_daily_snapshot_v2";
        String id = unique("stock");
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(
                        id,
                        longName,
                        domain,
                        "Stock levels per warehouse and day",
                        List.of("inventory"),
                        "lars",
                        "tables",
                        false)));
        await().atMost(WAIT).until(() -> ids(search(Map.of("q", "warehouse", "domain", domain)))
                .contains(id));

        assertThat(ids(search(Map.of("q", "warehuose", "domain", domain)))).containsExactly(id);
        assertThat(ids(search(Map.of("q", "inventroy", "domain", domain)))).containsExactly(id);
        // The whole 60-character name with two typos.
        assertThat(ids(search(
                        Map.of("q", "warehouse_inventory_replenishmnt_forecast_daily_snapshot_v3", "domain", domain))))
                .containsExactly(id);
    }

    @Test
    void suggestCompletesNamesFromTheirFirstLetters() {
        String domain = unique("crm");
        String id = unique("cust");
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(
                        id,
                        "Customer Lifetime Value " + id,
                        domain,
                        "CLV per customer",
                        List.of("customers"),
                        "carla",
                        "tables",
                        false)));
        await().atMost(WAIT).until(() -> ids(search(Map.of("q", "lifetime", "domain", domain)))
                .contains(id));

        JsonPath suggestions = Api.consumer()
                .queryParam("q", "customer lifet")
                .queryParam("limit", 50)
                .get(Api.BASE + "/suggest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(suggestions.getList("items.id", String.class)).contains(id);
        assertThat(Api.consumer()
                        .queryParam("q", "custx lifet")
                        .get(Api.BASE + "/suggest")
                        .jsonPath()
                        .getList("items.id", String.class))
                .doesNotContain(id);
    }

    @Test
    void hitsCarryHighlightedSnippetsAndNameOutranksDescription() {
        String domain = unique("media");
        String inName = unique("a");
        String inDescription = unique("b");
        Events.product(Events.published(
                inName,
                domain,
                1,
                Events.descriptor(
                        inName, "Podcast Episodes", domain, "Audio shows", List.of(), "pia", "files", false)));
        Events.product(Events.published(
                inDescription,
                domain,
                1,
                Events.descriptor(
                        inDescription,
                        "Audio Catalogue",
                        domain,
                        "Every podcast and audiobook we host",
                        List.of(),
                        "pia",
                        "files",
                        false)));
        await().atMost(WAIT)
                .until(() ->
                        ids(search(Map.of("q", "podcast", "domain", domain))).size() == 2);

        JsonPath result = search(Map.of("q", "podcast", "domain", domain));
        assertThat(ids(result)).containsExactly(inName, inDescription);
        assertThat(result.getString("items[0].highlights.name")).isEqualTo("<em>Podcast</em> Episodes");
        assertThat(result.getString("items[1].highlights.description")).contains("<em>podcast</em>");
    }

    @Test
    void facetsCountTheMatchesAndEveryFacetFilters() {
        String domain = unique("finance");
        String a = unique("ledger");
        String b = unique("invoices");
        String c = unique("budget");
        Events.product(Events.published(
                a,
                domain,
                1,
                Events.descriptor(
                        a,
                        "General Ledger",
                        domain,
                        "Bookings of the finance team",
                        List.of("accounting", "gl"),
                        "fiona",
                        "tables",
                        true)));
        Events.product(Events.published(
                b,
                domain,
                1,
                Events.descriptor(
                        b,
                        "Invoices",
                        domain,
                        "Outgoing invoices of the finance team",
                        List.of("accounting"),
                        "fiona",
                        "files",
                        false)));
        Events.product(Events.published(
                c,
                domain,
                1,
                Events.descriptor(
                        c,
                        "Budget Plan",
                        domain,
                        "Yearly budget of the finance team",
                        List.of("planning"),
                        "felix",
                        "api",
                        false)));
        Events.evaluation(a, domain, 1, 95, "A", null);
        Events.evaluation(b, domain, 1, 62, "C", "docs");
        // Products land on different partitions: wait for all three, not only for the evaluation.
        await().atMost(WAIT)
                .until(() -> search(Map.of("domain", domain, "rating", "C")).getInt("total") == 1
                        && search(Map.of("domain", domain)).getInt("total") == 3);

        JsonPath all = search(Map.of("q", "finance", "domain", domain));
        assertThat(all.getInt("total")).isEqualTo(3);
        assertThat(facet(all, "tag"))
                .containsEntry("accounting", 2)
                .containsEntry("gl", 1)
                .containsEntry("planning", 1);
        assertThat(facet(all, "owner")).containsEntry("fiona", 2).containsEntry("felix", 1);
        assertThat(facet(all, "pii")).containsEntry("true", 1).containsEntry("false", 2);
        assertThat(facet(all, "portType"))
                .containsEntry("tables", 1)
                .containsEntry("files", 1)
                .containsEntry("api", 1);
        assertThat(facet(all, "rating")).containsEntry("A", 1).containsEntry("C", 1);
        assertThat(facet(all, "status")).containsEntry("PUBLISHED", 3);
        assertThat(facet(all, "domain")).containsEntry(domain, 3);

        assertThat(ids(search(Map.of("domain", domain, "tag", "accounting")))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(search(Map.of("domain", domain, "owner", "felix")))).containsExactly(c);
        assertThat(ids(search(Map.of("domain", domain, "pii", "true")))).containsExactly(a);
        assertThat(ids(search(Map.of("domain", domain, "portType", "files")))).containsExactly(b);
        assertThat(ids(search(Map.of("domain", domain, "rating", "A")))).containsExactly(a);
        assertThat(ids(search(Map.of("domain", domain, "status", "published")))).hasSize(3);
        JsonPath filtered = search(Map.of("domain", domain, "tag", "accounting", "pii", "false"));
        assertThat(ids(filtered)).containsExactly(b);
        assertThat(facet(filtered, "owner")).containsExactly(Map.entry("fiona", 1));
        // A facet the caller filters on counts with every other filter but its own: the alternatives show.
        assertThat(facet(filtered, "tag")).containsOnly(Map.entry("accounting", 1), Map.entry("planning", 1));
        assertThat(facet(filtered, "pii")).containsOnly(Map.entry("true", 1), Map.entry("false", 1));
        assertThat(facet(filtered, "domain")).containsEntry(domain, 1);
        assertThat(filtered.getInt("total")).isEqualTo(1);
        JsonPath oneTag = search(Map.of("q", "finance", "domain", domain, "tag", "planning"));
        assertThat(ids(oneTag)).containsExactly(c);
        assertThat(facet(oneTag, "tag"))
                .containsOnly(Map.entry("accounting", 2), Map.entry("gl", 1), Map.entry("planning", 1));
        assertThat(facet(oneTag, "owner")).containsOnly(Map.entry("felix", 1));

        assertThat(ids(search(Map.of("domain", domain, "sort", "compliance")))).containsExactly(a, b, c);
        assertThat(ids(search(Map.of("domain", domain, "sort", "name")))).containsExactly(c, a, b);
    }

    @Test
    void cursorsWalkEveryPageOnceInOrder() {
        String domain = unique("paging");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = unique("p" + i);
            expected.add(id);
            Events.product(Events.published(
                    id,
                    domain,
                    1,
                    Events.descriptor(
                            id,
                            "Paged product " + i,
                            domain,
                            "Products to page through",
                            List.of(),
                            "pat",
                            "tables",
                            false)));
        }
        await().atMost(WAIT).until(() -> search(Map.of("domain", domain)).getInt("total") == 7);

        for (String sort : List.of("relevance", "name", "updated")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                var request = Api.consumer()
                        .queryParam("q", "paged product")
                        .queryParam("domain", domain)
                        .queryParam("sort", sort)
                        .queryParam("limit", 3);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get(Api.BASE + "/search")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                seen.addAll(ids(page));
                cursor = page.getString("next");
            } while (cursor != null);
            assertThat(seen)
                    .as(sort)
                    .containsExactlyInAnyOrderElementsOf(expected)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void staleAndDuplicateEventsChangeNothing() {
        String domain = unique("dedupe");
        String id = unique("prod");
        Events.product(Events.published(
                id,
                domain,
                2,
                Events.descriptor(id, "Second Name", domain, "The newer state", List.of(), "dan", "tables", false)));
        await().atMost(WAIT).until(() -> ids(search(Map.of("q", "second", "domain", domain)))
                .contains(id));

        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, "First Name", domain, "The obsolete state", List.of(), "dan", "tables", false)));
        String marker = unique("marker");
        Events.product(Events.published(
                marker,
                domain,
                1,
                Events.descriptor(
                        marker, "Marker", domain, "Sent after the stale state", List.of(), "dan", "tables", false)));
        await().atMost(WAIT).until(() -> ids(search(Map.of("q", "marker", "domain", domain)))
                .contains(marker));

        assertThat(ids(search(Map.of("q", "second", "domain", domain)))).containsExactly(id);
        assertThat(ids(search(Map.of("q", "obsolete", "domain", domain)))).isEmpty();
        Api.consumer().get(Api.BASE + "/products/" + id).then().statusCode(200).body("sequence", equalTo(2));
    }

    @Test
    void badSearchParametersAreProblemsNamingTheParameter() {
        Api.consumer()
                .queryParam("sort", "popularity")
                .get(Api.BASE + "/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo("sort"));
        Api.consumer()
                .queryParam("limit", 0)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("limit"));
        Api.consumer()
                .queryParam("cursor", "not-a-cursor!")
                .get(Api.BASE + "/search")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("cursor"));
        Api.consumer()
                .queryParam("pii", "maybe")
                .get(Api.BASE + "/search")
                .then()
                .statusCode(400)
                .body("detail", containsString("pii"));
        Api.consumer().get(Api.BASE + "/suggest").then().statusCode(400);
        io.restassured.RestAssured.given().get(Api.BASE + "/search").then().statusCode(401);
    }

    @Test
    void everyFacetIsADocumentedParameterOfTheSearchAndAKeyOfItsCounts() {
        List<String> names = Facets.ALL.stream().map(Facet::name).toList();
        assertThat(search(Map.of()).getMap("facets").keySet()).containsExactlyElementsOf(names);
        JsonPath api = io.restassured.RestAssured.given()
                .accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> parameters = api.getList("paths.'/api/catalog/v1/search'.get.parameters.name", String.class);
        assertThat(parameters).containsAll(names).contains("q", "sort", "limit", "cursor");
    }

    static JsonPath search(Map<String, String> params) {
        return Api.consumer()
                .queryParams(params)
                .queryParam("limit", 200)
                .get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static List<String> ids(JsonPath result) {
        return result.getList("items.id", String.class);
    }

    static Map<String, Integer> facet(JsonPath result, String dim) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> values = result.getList("facets." + dim);
        for (Map<String, Object> v : values) {
            out.put((String) v.get("value"), ((Number) v.get("count")).intValue());
        }
        return out;
    }
}

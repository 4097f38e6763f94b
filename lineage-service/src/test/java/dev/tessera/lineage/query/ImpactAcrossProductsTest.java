package dev.tessera.lineage.query;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.PlatformEvents;
import dev.tessera.lineage.support.Products;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "What breaks if this table changes?" A raw table feeds, through a pipeline, the table that serves
 * product A's output port; product B declares an input port on A's contract and product C holds an
 * active grant on that port. The raw table's impact crosses from A's table to A's port and names A,
 * B and C with their owners, why each is affected and the path that reaches it.
 */
@QuarkusTest
@LineageTestResources
class ImpactAcrossProductsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String POSTGRES = "postgres://db.example.com:5432";

    String a;
    String b;
    String c;
    String domainA;
    String raw;
    String rawSymlink;
    String job;
    String table;

    @BeforeEach
    void aRawTableFeedsAProductThatTwoOthersConsume() {
        domainA = unique("sales");
        String domainB = unique("finance");
        String domainC = unique("risk");
        Products.publishDomain(domainA, "/domains/" + domainA);
        Products.publishDomain(domainB, "/domains/" + domainB);
        Products.publishDomain(domainC, "/domains/" + domainC);
        a = unique("orders");
        b = unique("revenue");
        c = unique("fraud");
        String tableName = unique("orders").replace('-', '_');
        Products.publish(Products.state(
                a,
                domainA,
                1,
                ownedBy(
                        "alice",
                        Products.descriptor(
                                a, domainA, List.<String[]>of(new String[] {"out", a + "-c", tableName}), List.of()))));
        Products.publish(Products.state(
                b, domainB, 1, ownedBy("bea", Products.descriptor(b, domainB, List.of(), List.of(a + "-c")))));
        Products.publish(
                Products.state(c, domainC, 1, ownedBy("cid", Products.descriptor(c, domainC, List.of(), List.of()))));
        String request = unique("request");
        PlatformEvents.send(EventType.ACCESS_ACTIVATED, request, 1, Products.grant(request, 1, a, "out", c, "ACTIVE"));

        String rawName = "shop.public." + unique("raw_orders").replace('-', '_');
        String warehouse = unique("warehouse");
        String load = unique("load_orders");
        Api.post(loadEvent(rawName, warehouse, load, tableName)).then().statusCode(201);
        raw = "DATASET:" + POSTGRES + "/" + rawName;
        rawSymlink = "DATASET:" + warehouse + "/analytics.raw_orders";
        job = "JOB:" + POSTGRES + "/" + load;
        table = "DATASET:" + POSTGRES + "/shop.public." + tableName;
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(impact(raw, Map.of()).getList("products.productId"))
                        .hasSize(3));
    }

    @Test
    void theImpactOfARawTableNamesTheProductItFeedsAndThatProductsConsumers() {
        JsonPath impact = impact(raw, Map.of());

        assertThat(impact.getString("products[0].productId")).isEqualTo(a);
        assertThat(impact.getList("products.productId")).containsExactlyInAnyOrder(a, b, c);
        assertThat(impact.getInt("productTotal")).isEqualTo(3);
        assertThat(impact.getBoolean("partial")).isFalse();

        Map<String, Object> productA = product(impact, a);
        assertThat(productA.get("link")).isEqualTo("served-by-port");
        assertThat(productA.get("owners")).isEqualTo(List.of("alice"));
        assertThat(productA.get("name")).isEqualTo(a + " product");
        assertThat(productA.get("domain"))
                .isEqualTo(Map.of("id", domainA, "name", domainA + " domain", "ownerGroup", "/domains/" + domainA));
        assertThat(productA.get("path")).isEqualTo(List.of(raw, job, table, "PORT:" + a + "/out", "PRODUCT:" + a));
        assertThat(productA.get("links"))
                .isEqualTo(List.of("openlineage", "openlineage", "served-by-port", "output-port"));

        Map<String, Object> productB = product(impact, b);
        assertThat(productB.get("link")).isEqualTo("input-port");
        assertThat(productB.get("owners")).isEqualTo(List.of("bea"));
        assertThat(productB.get("path")).isEqualTo(List.of(raw, job, table, "PORT:" + a + "/out", "PRODUCT:" + b));
        assertThat(productB.get("links"))
                .isEqualTo(List.of("openlineage", "openlineage", "served-by-port", "input-port"));

        Map<String, Object> productC = product(impact, c);
        assertThat(productC.get("link")).isEqualTo("access-grant");
        assertThat(productC.get("owners")).isEqualTo(List.of("cid"));
        assertThat(productC.get("path")).isEqualTo(List.of(raw, job, table, "PORT:" + a + "/out", "PRODUCT:" + c));

        // The crossed port and both consumers are consumers too, each with the link that reached it;
        // the two consumers arrive on different topics, so either may come first.
        List<String> keys = impact.getList("consumers.node.key");
        List<String> links = impact.getList("consumers.link");
        assertThat(keys.subList(0, 3)).containsExactly(job, table, "PORT:" + a + "/out");
        assertThat(links.subList(0, 3)).containsExactly("openlineage", "openlineage", "served-by-port");
        assertThat(keys.subList(3, keys.size())).containsExactlyInAnyOrder("PRODUCT:" + b, "PRODUCT:" + c);
        assertThat(links.get(keys.indexOf("PRODUCT:" + b))).isEqualTo("input-port");
        assertThat(links.get(keys.indexOf("PRODUCT:" + c))).isEqualTo("access-grant");
    }

    @Test
    void aSymlinkNameOfTheRawTableGetsTheSameAnswer() {
        JsonPath byName = impact(raw, Map.of());
        JsonPath bySymlink = impact(rawSymlink, Map.of());

        assertThat(bySymlink.getString("root.key")).isEqualTo(raw);
        assertThat(bySymlink.<Object>get("products")).isEqualTo(byName.get("products"));
        assertThat(bySymlink.<Object>get("consumers")).isEqualTo(byName.get("consumers"));
    }

    @Test
    void theJobAndTheServedTableReachTheSameProducts() {
        assertThat(impact(job, Map.of()).getList("products.productId")).containsExactlyInAnyOrder(a, b, c);
        assertThat(impact(table, Map.of()).getList("products.collect { it.path[0] }"))
                .containsOnly(table);
    }

    @Test
    void aCutImpactSaysSoAndListsOnlyWhatItReached() {
        JsonPath capped = impact(raw, Map.of("maxNodes", 3));

        assertThat(capped.getBoolean("partial")).isTrue();
        assertThat(capped.getString("reason")).isEqualTo("NODE_CAP");
        assertThat(capped.getList("consumers.node.key")).containsExactly(job, table, "PORT:" + a + "/out");
        assertThat(capped.getList("products.productId")).containsExactly(a);
        Api.as(TestTokens.dataConsumer())
                .queryParam("node", raw)
                .queryParam("maxNodes", 0)
                .get(Api.BASE + "/impact")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", org.hamcrest.Matchers.hasItem("maxNodes"));
    }

    @Test
    void theImpactOfThePortIsItsDownstreamAsBeforeWithTheProductsAdded() {
        JsonPath impact = impact("PORT:" + a + "/out", Map.of());
        List<String> downstream = Api.graph("PORT:" + a + "/out", "downstream", 25)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.key");

        assertThat(impact.getList("consumers.node.key")).isEqualTo(downstream);
        assertThat(impact.getList("products.productId")).containsExactlyInAnyOrder(b, c);
        assertThat(impact(("PRODUCT:" + a), Map.of()).getList("products.productId"))
                .containsExactlyInAnyOrder(b, c);
    }

    private static JsonPath impact(String node, Map<String, ?> params) {
        return Api.as(TestTokens.dataConsumer())
                .queryParam("node", node)
                .queryParams(params)
                .get(Api.BASE + "/impact")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> product(JsonPath impact, String productId) {
        return impact.getMap("products.find { it.productId == '" + productId + "' }");
    }

    private static JsonNode ownedBy(String username, JsonNode descriptor) {
        ((ObjectNode) descriptor.path("team").path("members").get(0)).put("username", username);
        return descriptor;
    }

    /** The load job reads the raw table (known in the warehouse by a symlink) and writes A's table. */
    private static String loadEvent(String rawName, String warehouse, String job, String tableName) {
        return """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "%s"},
                 "inputs": [{"namespace": "%s", "name": "%s", "facets": {"symlinks": {
                   "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json",
                   "identifiers": [{"namespace": "%s", "name": "analytics.raw_orders", "type": "TABLE"}]}}}],
                 "outputs": [{"namespace": "%s", "name": "shop.public.%s"}],
                 "producer": "https://example.com/airflow"}
                """.formatted(UUID.randomUUID(), POSTGRES, job, POSTGRES, rawName, warehouse, POSTGRES, tableName);
    }
}

package dev.tessera.lineage.security;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.Products;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A symlink names a dataset under another name. A dataset that a domain's product serves may get
 * other names only from that domain's owners (and platform admins): anyone else's event is stored,
 * but the names it would have attached are not, and the refusal is listed with the event.
 */
@QuarkusTest
@LineageTestResources
class DatasetAliasOwnershipTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POSTGRES = "postgres://db.example.com:5432";

    String domain;
    String table;
    String dataset;

    @BeforeEach
    void aDatasetServedByADomainsProduct() {
        domain = unique("sales");
        Products.publishDomain(domain, "/domains/" + domain);
        String product = unique("shop");
        table = unique("orders").replace('-', '_');
        Products.publish(Products.state(
                product,
                domain,
                1,
                Products.descriptor(
                        product,
                        domain,
                        List.<String[]>of(new String[] {"orders-table", product + "-c", table}),
                        List.of())));
        dataset = POSTGRES + "/shop.public." + table;
        await().atMost(WAIT)
                .until(() -> domain.equals(Api.graph("DATASET:" + dataset, "downstream", 1)
                        .jsonPath()
                        .getString("root.domainId")));
    }

    @Test
    void anotherDomainsEventCannotGiveTheDatasetItsOwnName() {
        String ns = "s3://" + unique("intruder");
        JsonPath answer = post(
                TestTokens.domainOwner(unique("intruder")), writes(ns, "stolen", POSTGRES, "shop.public." + table));

        // The event is kept, its dataset is a dataset of its own, and the refusal is listed with it.
        assertThat(answer.getList("unresolved", String.class))
                .containsExactlyElementsOf(answer.getList("ids", String.class));
        Api.graph("DATASET:" + ns + "/stolen", "upstream", 1).then().statusCode(200);
        assertThat(upstreamKeys("DATASET:" + dataset)).doesNotContain("JOB:" + ns + "/job");
        assertThat(unresolved()).contains(ns + "/stolen").contains(domain);
    }

    @Test
    void anotherDomainsEventCannotAddANameToTheDataset() {
        String ns = "s3://" + unique("intruder");
        String intruder = TestTokens.domainOwner(unique("intruder"));
        JsonPath answer = post(intruder, writes(POSTGRES, "shop.public." + table, ns, "alias"));
        assertThat(answer.getList("unresolved", String.class))
                .containsExactlyElementsOf(answer.getList("ids", String.class));

        // The name was not attached: an event that names it alone makes a dataset of its own.
        post(intruder, writes(ns, "alias", null, null));
        Api.graph("DATASET:" + ns + "/alias", "upstream", 1).then().statusCode(200);
    }

    @Test
    void theDomainsOwnerMayNameTheDatasetAnotherWay() {
        String ns = "s3://" + unique("owner");
        JsonPath answer = post(TestTokens.domainOwner(domain), writes(ns, "orders", POSTGRES, "shop.public." + table));

        assertThat(answer.getList("unresolved")).isEmpty();
        // The new name is not a node of its own: asking by it finds the domain's dataset.
        assertThat(Api.graph("DATASET:" + ns + "/orders", "upstream", 1)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("root.key"))
                .isEqualTo("DATASET:" + dataset);
        assertThat(upstreamKeys("DATASET:" + dataset)).contains("JOB:" + ns + "/job");
    }

    /** A run event whose job writes one dataset, optionally with one symlink. */
    private static String writes(String namespace, String name, String symlinkNamespace, String symlinkName) {
        String facets = symlinkName == null ? "" : """
                , "facets": {"symlinks": {"_producer": "https://example.com",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json",
                  "identifiers": [{"namespace": "%s", "name": "%s", "type": "TABLE"}]}}""".formatted(symlinkNamespace, symlinkName);
        return """
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "job"},
                 "outputs": [{"namespace": "%s", "name": "%s"%s}],
                 "producer": "https://example.com/spark"}
                """.formatted(UUID.randomUUID(), namespace, namespace, name, facets);
    }

    private static JsonPath post(String token, String event) {
        return Api.as(token)
                .contentType(ContentType.JSON)
                .body(event)
                .post(Api.BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static List<String> upstreamKeys(String node) {
        return Api.graph(node, "upstream", 1)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.key");
    }

    /** Every page of the unresolved listing, as text. */
    private static String unresolved() {
        StringBuilder all = new StringBuilder();
        String cursor = null;
        do {
            var request = Api.admin().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(Api.BASE + "/unresolved")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            all.append(page.prettify());
            cursor = page.getString("next");
        } while (cursor != null);
        return all.toString();
    }
}

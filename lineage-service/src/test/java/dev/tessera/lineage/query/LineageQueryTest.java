package dev.tessera.lineage.query;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.Products;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@LineageTestResources
class LineageQueryTest {

    /** ns/d0 -> j1 -> d1 -> j2 -> d2 ... as one batch. */
    private static String chain(int jobs) {
        String ns = unique("chain");
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= jobs; i++) {
            events.add(run("COMPLETE", UUID.randomUUID().toString(), ns, "j" + i, "d" + (i - 1), "d" + i));
        }
        Api.postBatch("[" + String.join(",", events) + "]").then().statusCode(201);
        return ns;
    }

    @Test
    void aDepthAboveTheMaximumIsA400NamingTheLimit() {
        String ns = chain(1);

        Api.graph("DATASET:" + ns + "/d0", "downstream", 26)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("depth"))
                .body("detail", containsString("25"));
    }

    @Test
    void aTraversalCutByTheNodeCapIsPartialAndSaysWhy() {
        String ns = chain(5);

        Api.as(TestTokens.dataConsumer())
                .queryParam("node", "DATASET:" + ns + "/d0")
                .queryParam("depth", 10)
                .queryParam("maxNodes", 3)
                .get(Api.BASE + "/graph")
                .then()
                .statusCode(200)
                .body("partial", is(true))
                .body("reason", is("NODE_CAP"))
                .body("items.size()", is(3));
    }

    @Test
    void aCompleteTraversalIsNotPartial() {
        String ns = chain(2);

        Api.graph("DATASET:" + ns + "/d0", "downstream", 10)
                .then()
                .statusCode(200)
                .body("partial", is(false))
                .body("total", is(4));
    }

    @Test
    void aCycleTerminates() {
        String ns = chain(2);
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), ns, "back", "d2", "d0"))
                .then()
                .statusCode(201);

        Api.graph("DATASET:" + ns + "/d0", "downstream", 25)
                .then()
                .statusCode(200)
                .body("total", is(5));
    }

    @Test
    void pagesCoverEveryNodeOnceInDistanceOrder() {
        String ns = chain(3);
        List<String> seen = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.as(TestTokens.dataConsumer())
                    .queryParam("node", "DATASET:" + ns + "/d0")
                    .queryParam("depth", 10)
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(Api.BASE + "/graph")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.key"));
            depths.addAll(page.getList("items.depth"));
            cursor = page.getString("next");
        } while (cursor != null);

        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        assertThat(depths).isSorted();
    }

    @Test
    void filtersKeepOnlyTheRequestedNodeTypes() {
        String ns = chain(2);

        List<String> jobs = Api.as(TestTokens.dataConsumer())
                .queryParam("node", "DATASET:" + ns + "/d0")
                .queryParam("depth", 10)
                .queryParam("type", "job")
                .get(Api.BASE + "/graph")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.key");

        assertThat(jobs).containsExactly("JOB:" + ns + "/j1", "JOB:" + ns + "/j2");
    }

    @Test
    void upstreamAndBothLookBothWays() {
        String ns = chain(2);

        List<String> upstream = Api.graph("DATASET:" + ns + "/d1", "upstream", 5)
                .then()
                .extract()
                .jsonPath()
                .getList("items.key");
        List<String> both = Api.graph("DATASET:" + ns + "/d1", "both", 5)
                .then()
                .extract()
                .jsonPath()
                .getList("items.key");

        assertThat(upstream).containsExactly("JOB:" + ns + "/j1", "DATASET:" + ns + "/d0");
        assertThat(both)
                .containsExactlyInAnyOrder(
                        "JOB:" + ns + "/j1", "DATASET:" + ns + "/d0", "JOB:" + ns + "/j2", "DATASET:" + ns + "/d2");
    }

    @Test
    void anUnknownNodeIsA404AndAMalformedOneA400() {
        Api.graph("DATASET:nowhere/" + UUID.randomUUID(), "downstream", 1)
                .then()
                .statusCode(404);
        Api.graph("TABLE:x", "downstream", 1).then().statusCode(400).body("errors.path", hasItem("node"));
        Api.graph("DATASET:x", "sideways", 1).then().statusCode(400).body("errors.path", hasItem("direction"));
    }

    @Test
    void thePathBetweenTwoNodesFollowsTheDataFlow() {
        String ns = chain(3);

        Api.as(TestTokens.dataConsumer())
                .queryParam("from", "DATASET:" + ns + "/d0")
                .queryParam("to", "DATASET:" + ns + "/d2")
                .get(Api.BASE + "/path")
                .then()
                .statusCode(200)
                .body("found", is(true))
                .body("hops", is(4))
                .body("nodes[2].key", is("DATASET:" + ns + "/d1"));
        Api.as(TestTokens.dataConsumer())
                .queryParam("from", "DATASET:" + ns + "/d2")
                .queryParam("to", "DATASET:" + ns + "/d0")
                .get(Api.BASE + "/path")
                .then()
                .statusCode(200)
                .body("found", is(false));
    }

    @Test
    void theGraphExportsAsJsonMermaidAndDot() {
        String ns = chain(1);
        var export = Api.as(TestTokens.dataConsumer())
                .queryParam("node", "DATASET:" + ns + "/d0")
                .queryParam("depth", 5);

        export.queryParam("format", "json")
                .get(Api.BASE + "/export")
                .then()
                .statusCode(200)
                .body("nodes.size()", is(3))
                .body("edges.size()", is(2));
        String mermaid = Api.as(TestTokens.dataConsumer())
                .queryParam("node", "DATASET:" + ns + "/d0")
                .queryParam("format", "mermaid")
                .get(Api.BASE + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String dot = Api.as(TestTokens.dataConsumer())
                .queryParam("node", "DATASET:" + ns + "/d0")
                .queryParam("format", "dot")
                .get(Api.BASE + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(mermaid).startsWith("flowchart LR").contains("n0 --> n1", "n1 --> n2");
        assertThat(dot).startsWith("digraph lineage").contains("\"DATASET:" + ns + "/d0\" -> \"JOB:" + ns + "/j1\"");
    }

    @Test
    void impactListsEveryTransitiveConsumerWithDomainOwnersAndPath() {
        String domain = unique("finance");
        Products.publishDomain(domain, "/domains/" + domain);
        String a = unique("ledger");
        String b = unique("pnl");
        String c = unique("board-report");
        Products.publish(Products.state(
                a,
                "acct",
                1,
                Products.descriptor(a, "acct", List.<String[]>of(new String[] {"out", a + "-c"}), List.of())));
        Products.publish(Products.state(
                b,
                domain,
                1,
                Products.descriptor(b, domain, List.<String[]>of(new String[] {"out", b + "-c"}), List.of(a + "-c"))));
        Products.publish(Products.state(c, domain, 1, Products.descriptor(c, domain, List.of(), List.of(b + "-c"))));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath impact = Api.as(TestTokens.domainOwner("acct"))
                    .queryParam("node", "PORT:" + a + "/out")
                    .queryParam("type", "PRODUCT")
                    .get(Api.BASE + "/impact")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(impact.getList("consumers.node.key")).containsExactly("PRODUCT:" + b, "PRODUCT:" + c);
            assertThat(impact.getString("consumers[1].domain.ownerGroup")).isEqualTo("/domains/" + domain);
            assertThat(impact.getList("consumers[1].owners")).containsExactly("ann");
            assertThat(impact.getList("consumers[1].path"))
                    .containsExactly("PORT:" + a + "/out", "PRODUCT:" + b, "PORT:" + b + "/out", "PRODUCT:" + c);
        });
    }
}

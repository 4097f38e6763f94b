package dev.tessera.lineage.query;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.Products;
import dev.tessera.platform.web.Cursors;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The query answers to the letter: every field, in order, with its nulls. Clients and the portal
 * read these bodies, so a change of name, order or representation must show up here first.
 */
@QuarkusTest
@LineageTestResources
class QueryAnswersJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTraversalPageNamesItsRootItemsCursorAndCut() {
        String ns = oneJob();

        String body = get("/graph", Map.of("node", "DATASET:" + ns + "/d0", "depth", 5, "limit", 1));

        assertThat(body).isEqualTo(compact("""
                        {"root": %s, "direction": "DOWNSTREAM", "depth": 5, "total": 2,
                         "items": [%s], "next": "%s", "partial": false, "reason": null}
                        """.formatted(
                        node("DATASET", ns + "/d0", 0), node("JOB", ns + "/j1", 1), Cursors.encode("1"))));
    }

    @Test
    void aPathListsItsNodesFromStartToTarget() {
        String ns = oneJob();

        String body = get("/path", Map.of("from", "DATASET:" + ns + "/d0", "to", "DATASET:" + ns + "/d1"));

        assertThat(body).isEqualTo(compact("""
                        {"found": true, "hops": 2, "nodes": [%s, %s, %s]}
                        """.formatted(
                        node("DATASET", ns + "/d0", 0), node("JOB", ns + "/j1", 1), node("DATASET", ns + "/d1", 2))));
    }

    @Test
    void anExportListsNodesThenEdgesByKey() {
        String ns = oneJob();

        String body = get("/export", Map.of("node", "DATASET:" + ns + "/d0", "format", "json"));

        // The edges come in no particular order.
        String nodes = String.join(
                ", ", node("DATASET", ns + "/d0", 0), node("JOB", ns + "/j1", 1), node("DATASET", ns + "/d1", 2));
        String read = edge("DATASET:" + ns + "/d0", "JOB:" + ns + "/j1");
        String written = edge("JOB:" + ns + "/j1", "DATASET:" + ns + "/d1");
        String shape = """
                {"nodes": [%s], "edges": [%s, %s], "partial": false, "reason": null}
                """;
        assertThat(body)
                .isIn(compact(shape.formatted(nodes, read, written)), compact(shape.formatted(nodes, written, read)));
    }

    @Test
    void anImpactNamesEachConsumerAndProductWithDomainOwnersPathAndLinks() {
        String domain = unique("finance");
        Products.publishDomain(domain, "/domains/" + domain);
        String ledger = unique("ledger");
        String pnl = unique("pnl");
        String report = unique("board-report");
        Products.publish(Products.state(
                ledger,
                "acct",
                1,
                Products.descriptor(
                        ledger, "acct", List.<String[]>of(new String[] {"out", ledger + "-c"}), List.of())));
        Products.publish(Products.state(
                pnl,
                domain,
                1,
                Products.descriptor(
                        pnl, domain, List.<String[]>of(new String[] {"out", pnl + "-c"}), List.of(ledger + "-c"))));
        Products.publish(
                Products.state(report, domain, 1, Products.descriptor(report, domain, List.of(), List.of(pnl + "-c"))));
        Map<String, Object> query = Map.of("node", "PORT:" + ledger + "/out", "type", "PRODUCT");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            // Both products placed, and their domain's owner known.
            JsonNode impact = read(get("/impact", query));
            return impact.path("total").asInt() == 2
                    && !impact.at("/consumers/1/domain/ownerGroup").isNull();
        });

        String body = get("/impact", query);

        String finance = """
                {"id": "%1$s", "name": "%1$s domain", "ownerGroup": "/domains/%1$s"}
                """.formatted(domain);
        String toPnl = "[\"PORT:%s/out\", \"PRODUCT:%s\"]".formatted(ledger, pnl);
        String toReport = "[\"PORT:%s/out\", \"PRODUCT:%s\", \"PORT:%s/out\", \"PRODUCT:%s\"]"
                .formatted(ledger, pnl, pnl, report);
        assertThat(body).isEqualTo(compact("""
                        {"root": %1$s, "depth": 25, "total": 2,
                         "consumers": [
                           {"node": %2$s, "productId": "%4$s", "domain": %6$s, "owners": ["ann"],
                            "path": %7$s, "link": "input-port"},
                           {"node": %3$s, "productId": "%5$s", "domain": %6$s, "owners": ["ann"],
                            "path": %8$s, "link": "input-port"}],
                         "next": null, "partial": false, "reason": null,
                         "products": [
                           {"productId": "%4$s", "name": "%4$s product", "domain": %6$s, "owners": ["ann"],
                            "link": "input-port", "path": %7$s, "links": ["input-port"]},
                           {"productId": "%5$s", "name": "%5$s product", "domain": %6$s, "owners": ["ann"],
                            "link": "input-port", "path": %8$s,
                            "links": ["input-port", "output-port", "input-port"]}],
                         "productTotal": 2}
                        """.formatted(
                        node("PORT", ledger + "/out", 0, "acct"),
                        node("PRODUCT", pnl, 1, domain),
                        node("PRODUCT", report, 3, domain),
                        pnl,
                        report,
                        finance,
                        toPnl,
                        toReport)));
    }

    @Test
    void theUnresolvedListingShowsEachEventWithItsIssuesAndEachWaitingInputPort() {
        String ns = unique("unresolved-json");
        String event = """
                {"eventTime": "2024-05-01T10:15:30Z",
                 "dataset": {"namespace": "%1$s", "name": "target", "facets": {"columnLineage": {
                   "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json",
                   "fields": {"id": {"inputFields": [{"namespace": "%1$s", "name": "never-seen", "field": "id"}]}}}}},
                 "producer": "https://example.com/test"}
                """.formatted(ns);
        String id = Api.post(event).then().statusCode(201).extract().jsonPath().getString("ids[0]");
        String waiting = unique("waiting");
        String contract = unique("contract-nobody-offers");
        Products.publish(
                Products.state(waiting, "acct", 1, Products.descriptor(waiting, "acct", List.of(), List.of(contract))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> find(unresolved("inputPorts"), "contractId", contract) != null);

        String listed = find(unresolved("events"), "id", id);
        // The wording of an issue is the ingest's; here only where it stands and what it is about.
        String issues = read(listed).path("issues").toString();
        assertThat(issues).contains(ns + "/never-seen#id");
        assertThat(listed).isEqualTo(compact("""
                        {"id": "%s", "kind": "DATASET", "eventType": null, "eventTime": "2024-05-01T10:15:30Z",
                         "subject": "DATASET:%s/target", "issues": %s}
                        """.formatted(id, ns, issues)));
        assertThat(find(unresolved("inputPorts"), "contractId", contract))
                .isEqualTo(compact("""
                        {"productId": "%s", "portName": "in-0", "contractId": "%s"}
                        """.formatted(waiting, contract)));
    }

    /** {@code ns/d0 -> j1 -> d1}: one job reading one dataset and writing another. */
    private static String oneJob() {
        String ns = unique("json");
        Api.post(run("COMPLETE", UUID.randomUUID().toString(), ns, "j1", "d0", "d1"))
                .then()
                .statusCode(201);
        return ns;
    }

    private static String node(String type, String id, int depth) {
        return node(type, id, depth, null);
    }

    private static String node(String type, String id, int depth, String domainId) {
        return """
                {"key": "%1$s:%2$s", "type": "%1$s", "id": "%2$s", "domainId": %3$s, "depth": %4$d,
                 "direction": "DOWNSTREAM"}
                """.formatted(type, id, domainId == null ? "null" : "\"" + domainId + "\"", depth);
    }

    private static String edge(String from, String to) {
        return "{\"from\": \"%s\", \"to\": \"%s\"}".formatted(from, to);
    }

    private static String get(String path, Map<String, ?> query) {
        RequestSpecification request = Api.as(TestTokens.platformAdmin());
        query.forEach(request::queryParam);
        return request.get(Api.BASE + path).then().statusCode(200).extract().asString();
    }

    /** The items of one list of the unresolved answer, every page of it. */
    private static List<JsonNode> unresolved(String list) {
        List<JsonNode> items = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = read(
                    get("/unresolved", cursor == null ? Map.of("limit", 200) : Map.of("limit", 200, "cursor", cursor)));
            page.path(list).forEach(items::add);
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        } while (cursor != null && list.equals("events"));
        return items;
    }

    /** The item whose field has the value, as compact JSON (fields in the order the answer gave them); null when none. */
    private static String find(List<JsonNode> items, String field, String value) {
        return items.stream()
                .filter(item -> value.equals(item.path(field).asText()))
                .map(JsonNode::toString)
                .findFirst()
                .orElse(null);
    }

    /** JSON written readably above, as the service writes it: no white space outside strings. */
    private static String compact(String json) {
        return read(json).toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

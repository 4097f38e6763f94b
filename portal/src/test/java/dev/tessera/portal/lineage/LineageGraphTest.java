package dev.tessera.portal.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The graph the portal draws is read from lineage's export: ports, jobs and columns are contracted
 * away, hops are counted between products and datasets, and a cut answer stays a graph, marked partial.
 */
class LineageGraphTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** up -> [port] -> me -> [port] -> {orders table, down}; table -> [job] -> derived; down -> [port] -> far. */
    static final String EXPORT = """
            {"nodes":[
              {"key":"PRODUCT:me","type":"PRODUCT","id":"me","domainId":"shop","depth":0},
              {"key":"PORT:me/me-table","type":"PORT","id":"me/me-table","domainId":"shop","depth":1},
              {"key":"DATASET:postgres://db:5432/shop.public.orders","type":"DATASET",
               "id":"postgres://db:5432/shop.public.orders","depth":2},
              {"key":"COLUMN:postgres://db:5432/shop.public.orders#id","type":"COLUMN",
               "id":"postgres://db:5432/shop.public.orders#id","depth":3},
              {"key":"JOB:airflow/etl","type":"JOB","id":"airflow/etl","depth":3},
              {"key":"DATASET:postgres://db:5432/shop.public.derived","type":"DATASET",
               "id":"postgres://db:5432/shop.public.derived","depth":4},
              {"key":"PRODUCT:down","type":"PRODUCT","id":"down","domainId":"finance","depth":2},
              {"key":"PORT:down/down-table","type":"PORT","id":"down/down-table","depth":3},
              {"key":"PRODUCT:far","type":"PRODUCT","id":"far","depth":4},
              {"key":"PORT:up/up-table","type":"PORT","id":"up/up-table","depth":1},
              {"key":"PRODUCT:up","type":"PRODUCT","id":"up","domainId":"crm","depth":2}],
             "edges":[
              {"from":"PRODUCT:up","to":"PORT:up/up-table"},
              {"from":"PORT:up/up-table","to":"PRODUCT:me"},
              {"from":"PRODUCT:me","to":"PORT:me/me-table"},
              {"from":"PORT:me/me-table","to":"DATASET:postgres://db:5432/shop.public.orders"},
              {"from":"PORT:me/me-table","to":"PRODUCT:down"},
              {"from":"DATASET:postgres://db:5432/shop.public.orders","to":"COLUMN:postgres://db:5432/shop.public.orders#id"},
              {"from":"DATASET:postgres://db:5432/shop.public.orders","to":"JOB:airflow/etl"},
              {"from":"JOB:airflow/etl","to":"DATASET:postgres://db:5432/shop.public.derived"},
              {"from":"PRODUCT:down","to":"PORT:down/down-table"},
              {"from":"PORT:down/down-table","to":"PRODUCT:far"}],
             "partial":false,"reason":null}
            """;

    @Test
    void portsJobsAndColumnsAreContractedAndOneHopKeepsTheNearestProductsAndDatasets() throws Exception {
        LineageGraph graph = LineageGraph.of(JSON.readTree(EXPORT), "PRODUCT:me", 1);

        assertThat(graph.nodes())
                .extracting(LineageGraph.Node::key)
                .containsExactly(
                        "PRODUCT:me", "PRODUCT:up", "PRODUCT:down", "DATASET:postgres://db:5432/shop.public.orders");
        assertThat(graph.nodes()).extracting(LineageGraph.Node::distance).containsExactly(0, -1, 1, 1);
        assertThat(graph.edges())
                .containsExactlyInAnyOrder(
                        new LineageGraph.Edge("PRODUCT:up", "PRODUCT:me"),
                        new LineageGraph.Edge("PRODUCT:me", "PRODUCT:down"),
                        new LineageGraph.Edge("PRODUCT:me", "DATASET:postgres://db:5432/shop.public.orders"));
        assertThat(graph.upstreamProducts()).extracting(LineageGraph.Node::id).containsExactly("up");
        assertThat(graph.upstreamProducts().getFirst().domain()).isEqualTo("crm");
        assertThat(graph.downstreamProducts()).extracting(LineageGraph.Node::id).containsExactly("down");
        LineageGraph.Node table = graph.nodes().get(3);
        assertThat(table.label()).isEqualTo("shop.public.orders");
        assertThat(table.href()).as("datasets have no page").isNull();
        assertThat(graph.nodes().get(1).href()).isEqualTo("/products/up");
        assertThat(graph.partial()).isFalse();
        assertThat(graph.partialNote()).isNull();
    }

    @Test
    void twoHopsReachTheDatasetAJobWritesAndTheConsumersConsumer() throws Exception {
        LineageGraph graph = LineageGraph.of(JSON.readTree(EXPORT), "PRODUCT:me", 2);

        assertThat(graph.nodes())
                .extracting(LineageGraph.Node::key)
                .contains("PRODUCT:far", "DATASET:postgres://db:5432/shop.public.derived")
                .doesNotContain("JOB:airflow/etl", "PORT:me/me-table");
        assertThat(graph.edges())
                .contains(
                        new LineageGraph.Edge(
                                "DATASET:postgres://db:5432/shop.public.orders",
                                "DATASET:postgres://db:5432/shop.public.derived"),
                        new LineageGraph.Edge("PRODUCT:down", "PRODUCT:far"));
        assertThat(graph.rows())
                .filteredOn(r -> r.node().id().equals("down"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.fedBy()).extracting(LineageGraph.Node::id).containsExactly("me");
                    assertThat(row.feeds()).extracting(LineageGraph.Node::id).containsExactly("far");
                    assertThat(row.node().direction()).isEqualTo("Downstream");
                });
    }

    @Test
    void aCutTraversalIsAPartialGraphInWordsNeverATimeout() throws Exception {
        JsonNode cut = JSON.readTree(
                EXPORT.replace("\"partial\":false,\"reason\":null", "\"partial\":true,\"reason\":\"TIME_BUDGET\""));
        LineageGraph graph = LineageGraph.of(cut, "PRODUCT:me", 1);

        assertThat(graph.partial()).isTrue();
        assertThat(graph.nodes()).hasSize(4);
        assertThat(graph.partialNote())
                .startsWith("Lineage answered in part")
                .contains("time budget")
                .doesNotContainIgnoringCase("timeout")
                .doesNotContainIgnoringCase("cannot be shown");
    }

    @Test
    void aProductInACycleIsPlacedOnItsNearerSideAndTheRootIsAlwaysThere() throws Exception {
        String cycle = """
                {"nodes":[{"key":"PRODUCT:a","type":"PRODUCT","id":"a"},{"key":"PORT:a/t","type":"PORT","id":"a/t"},
                          {"key":"PRODUCT:b","type":"PRODUCT","id":"b"},{"key":"PORT:b/t","type":"PORT","id":"b/t"}],
                 "edges":[{"from":"PRODUCT:a","to":"PORT:a/t"},{"from":"PORT:a/t","to":"PRODUCT:b"},
                          {"from":"PRODUCT:b","to":"PORT:b/t"},{"from":"PORT:b/t","to":"PRODUCT:a"}]}
                """;
        LineageGraph graph = LineageGraph.of(JSON.readTree(cycle), "PRODUCT:a", 1);
        assertThat(graph.nodes()).extracting(LineageGraph.Node::distance).containsExactly(0, 1);
        assertThat(graph.edges()).hasSize(2);

        LineageGraph empty = LineageGraph.of(JSON.readTree("{\"nodes\":[],\"edges\":[]}"), "PRODUCT:new", 1);
        assertThat(empty.nodes()).extracting(LineageGraph.Node::key).containsExactly("PRODUCT:new");
    }
}

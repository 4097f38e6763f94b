package dev.tessera.portal.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.portal.support.KeycloakPortalResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lineage graph as the pages send it: SVG drawn on the server whose product boxes are links with
 * names a screen reader reads, controls that are plain links, a table that says the same, and a
 * partial answer shown as partial.
 */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class LineageFragmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGraphIsAnSvgWhoseProductsAreNamedLinksAndWhoseDatasetsAreNamedImages() throws Exception {
        LineageView view = LineageView.of(
                "me", LineageGraph.of(JSON.readTree(LineageGraphTest.EXPORT), "PRODUCT:me", 1), false, 25);

        String html = LineagePage.Templates.graph(view, true).render();

        assertThat(html)
                .contains("<svg class=\"lineage-graph\" xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("role=\"group\" aria-label=\"Lineage of me\"")
                .contains("<a class=\"node product\" href=\"/products/up\" aria-label=\"Product up, domain crm,"
                        + " upstream, 1 hop\">")
                .contains("<a class=\"node product root\" href=\"/products/me\"")
                .contains("<g class=\"node dataset\" role=\"img\" aria-label=\"Dataset"
                        + " postgres://db:5432/shop.public.orders, downstream, 1 hop\">")
                .contains(">shop.public.orders</text>")
                .contains("marker-end=\"url(#lineage-arrow)\"")
                .contains("3 products and datasets within 1 hop")
                .contains("<a href=\"/products/me/lineage?depth=1\">Open the lineage page</a>")
                .contains("<a href=\"/products/me/lineage?depth=2#lineage-graph\">One hop further</a>")
                .contains("<a class=\"table-link\" href=\"/products/me/lineage?depth=1#lineage-table\">")
                .doesNotContain("style=")
                .doesNotContain("lineage-partial");
        assertThat(html.split("<path class=\"edge")).hasSize(4);
    }

    @Test
    void aCrowdedColumnShowsAMoreBoxAndALinkThatDrawsEveryNode() {
        List<LineageGraph.Node> nodes = new ArrayList<>(List.of(LayeredLayoutTest.node("me", 0)));
        List<LineageGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            nodes.add(LayeredLayoutTest.node("c" + i, 1));
            edges.add(LayeredLayoutTest.edge("me", "c" + i));
        }
        LineageGraph graph = new LineageGraph("PRODUCT:me", 1, nodes, edges, false, null);

        String crowded = LineagePage.Templates.graph(LineageView.of("me", graph, false, 25), false)
                .render();
        assertThat(crowded)
                .contains("<a class=\"node more\" href=\"/products/me/lineage?depth=1&amp;all=true#lineage-graph\""
                        + " aria-label=\"16 more nodes in this column: show the whole graph\">")
                .contains(">16 more</text>")
                .contains("16 of them are gathered into \"more\" boxes")
                .contains("<a class=\"show-all\" href=\"/products/me/lineage?depth=1&amp;all=true#lineage-graph\">Draw"
                        + " all 40 nodes</a>")
                .doesNotContain("Open the lineage page");

        String all = LineagePage.Templates.graph(LineageView.of("me", graph, true, 25), false)
                .render();
        assertThat(all).doesNotContain("node more").doesNotContain("show-all");
        assertThat(all.split("<a class=\"node product\"")).hasSize(41);
    }

    @Test
    void aPartialAnswerIsShownAsPartialAndTheTableListsEveryNodeWithItsNeighbours() throws Exception {
        String cut = LineageGraphTest.EXPORT.replace(
                "\"partial\":false,\"reason\":null", "\"partial\":true,\"reason\":\"NODE_CAP\"");
        LineageView view = LineageView.of("me", LineageGraph.of(JSON.readTree(cut), "PRODUCT:me", 2), false, 25);

        assertThat(LineagePage.Templates.graph(view, false).render())
                .contains("<p class=\"panel-status lineage-partial\" role=\"status\">Lineage answered in part (it"
                        + " stopped at its node limit)");

        String table = LineagePage.Templates.table(view).render();
        assertThat(table)
                .contains("<caption>Products and datasets within 2 hops of me</caption>")
                .contains("<th scope=\"row\"><a href=\"/products/down\">down</a></th><td>Product</td><td>finance</td>"
                        + "<td>Downstream</td><td>1</td><td>me</td><td>far</td>")
                .contains("<th scope=\"row\"><code>postgres://db:5432/shop.public.derived</code></th><td>Dataset</td>");
        assertThat(table.split("<tr>")).hasSize(1 + 1 + view.graph().nodes().size());
    }
}

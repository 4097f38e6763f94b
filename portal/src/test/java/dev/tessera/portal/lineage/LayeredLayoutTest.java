package dev.tessera.portal.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layered layout: data flows left to right, boxes never overlap, barycentre ordering untangles
 * crossings, and a crowded column ends in one "N more" box that takes the edges of the nodes it hides.
 */
class LayeredLayoutTest {

    @Test
    void upstreamIsLeftOfTheRootAndDownstreamRightOfItWithEveryEdgeRunningRightwards() {
        LineageGraph graph = graph(
                List.of(node("me", 0), node("up", -1), node("upup", -2), node("down", 1), node("down2", 1)),
                List.of(
                        edge("upup", "up"),
                        edge("up", "me"),
                        edge("me", "down"),
                        edge("me", "down2"),
                        edge("upup", "me")));

        GraphDrawing drawing = LayeredLayout.layout(graph, 0, null);

        Map<String, GraphDrawing.Box> box = boxes(drawing);
        assertThat(box.get("PRODUCT:upup").x()).isLessThan(box.get("PRODUCT:up").x());
        assertThat(box.get("PRODUCT:up").x()).isLessThan(box.get("PRODUCT:me").x());
        assertThat(box.get("PRODUCT:me").x()).isLessThan(box.get("PRODUCT:down").x());
        assertThat(box.get("PRODUCT:down").x())
                .isEqualTo(box.get("PRODUCT:down2").x());
        assertThat(drawing.edges()).hasSize(5).noneMatch(GraphDrawing.Curve::back);
        for (GraphDrawing.Curve c : drawing.edges()) {
            assertThat(box.get(c.from()).x()).isLessThan(box.get(c.to()).x());
        }
        assertThat(box.get("PRODUCT:me").root()).isTrue();
        assertThat(box.get("PRODUCT:me").href()).isEqualTo("/products/me");
        assertNoOverlap(drawing);
        assertThat(drawing.width()).isGreaterThanOrEqualTo(3 * LayeredLayout.BOX_WIDTH);
        assertThat(drawing.hidden()).isZero();
    }

    @Test
    void barycentreOrderingRemovesTheCrossingsTheInputOrderHas() {
        // Column order as given: s1 s2 s3 over t3 t2 t1, every edge crossing the others.
        LineageGraph graph = graph(
                List.of(node("s1", -1), node("s2", -1), node("s3", -1), node("t3", 0), node("t2", 1), node("t1", 1)),
                List.of(edge("s1", "t1"), edge("s2", "t2"), edge("s3", "t3")));

        GraphDrawing drawing = LayeredLayout.layout(graph, 0, null);

        assertThat(crossings(drawing)).isZero();
        assertNoOverlap(drawing);
    }

    @Test
    void aCrowdedColumnEndsInOneMoreBoxThatLinksToTheWholeGraphAndTakesTheHiddenNodesEdges() {
        List<LineageGraph.Node> nodes = new ArrayList<>(List.of(node("me", 0)));
        List<LineageGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "consumer-%02d".formatted(i);
            nodes.add(node(id, 1));
            edges.add(edge("me", id));
        }

        GraphDrawing drawing = LayeredLayout.layout(graph(nodes, edges), 8, "/products/me/lineage?depth=1&all=true");

        assertThat(drawing.hidden()).isEqualTo(23);
        assertThat(drawing.nodes()).hasSize(9);
        GraphDrawing.Box more = drawing.nodes().stream()
                .filter(b -> b.kind() == GraphDrawing.Kind.MORE)
                .findFirst()
                .orElseThrow();
        assertThat(more.text()).isEqualTo("23 more");
        assertThat(more.href()).isEqualTo("/products/me/lineage?depth=1&all=true");
        assertThat(more.description()).contains("23 more nodes");
        assertThat(drawing.edges()).hasSize(8).anyMatch(c -> c.to().equals(more.key()));
        Map<String, GraphDrawing.Box> box = boxes(drawing);
        assertThat(box)
                .containsKeys("PRODUCT:consumer-00", "PRODUCT:consumer-06")
                .doesNotContainKey("PRODUCT:consumer-07");
        assertThat(more.y())
                .as("the more box is at the foot of its column")
                .isGreaterThan(box.get("PRODUCT:consumer-06").y());
        assertNoOverlap(drawing);

        GraphDrawing all = LayeredLayout.layout(graph(nodes, edges), 0, null);
        assertThat(all.nodes()).hasSize(31);
        assertThat(all.hidden()).isZero();
    }

    @Test
    void aCycleIsDrawnWithOneEdgeAgainstTheFlowInsteadOfFailing() {
        LineageGraph graph = graph(
                List.of(node("a", 0), node("b", 1), node("c", 2)),
                List.of(edge("a", "b"), edge("b", "c"), edge("c", "a")));

        GraphDrawing drawing = LayeredLayout.layout(graph, 0, null);

        assertThat(drawing.edges()).hasSize(3);
        assertThat(drawing.edges()).filteredOn(GraphDrawing.Curve::back).hasSize(1);
        assertNoOverlap(drawing);
    }

    @Test
    void fiveHundredNodesAreLaidOutWithoutOverlapAndLongLabelsAreShortened() {
        List<LineageGraph.Node> nodes = new ArrayList<>(List.of(node("me", 0)));
        List<LineageGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 499; i++) {
            String id = "a-rather-long-product-name-number-" + i;
            int distance = i % 2 == 0 ? 1 + (i % 3) : -(1 + (i % 3));
            nodes.add(node(id, distance));
            String neighbour =
                    i < 10 ? "me" : nodes.get(1 + (i * 7) % (nodes.size() - 1)).id();
            if (distance > 0) {
                edges.add(edge(neighbour, id));
            } else {
                edges.add(edge(id, neighbour));
            }
        }

        GraphDrawing drawing = LayeredLayout.layout(graph(nodes, edges), 0, null);

        assertThat(drawing.nodes()).hasSize(500);
        assertNoOverlap(drawing);
        assertThat(drawing.nodes())
                .allSatisfy(b -> assertThat(b.text().length()).isLessThanOrEqualTo(LayeredLayout.MAX_TEXT));
        assertThat(drawing.nodes())
                .filteredOn(b -> b.key().endsWith("-42"))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.text()).endsWith("…");
                    assertThat(b.description()).contains("a-rather-long-product-name-number-42");
                });
    }

    @Test
    void aDatasetsNameIsShortenedFromTheLeftSoItsTableNameShows() {
        LineageGraph graph = graph(
                List.of(
                        node("me", 0),
                        new LineageGraph.Node(
                                "DATASET:postgres://db:5432/analytics.retail_schema.retail_orders_history",
                                "DATASET",
                                "postgres://db:5432/analytics.retail_schema.retail_orders_history",
                                null,
                                1)),
                List.of(new LineageGraph.Edge(
                        "PRODUCT:me", "DATASET:postgres://db:5432/analytics.retail_schema.retail_orders_history")));

        GraphDrawing.Box dataset = LayeredLayout.layout(graph, 0, null).nodes().get(1);

        assertThat(dataset.kind()).isEqualTo(GraphDrawing.Kind.DATASET);
        assertThat(dataset.text())
                .startsWith("…")
                .endsWith("retail_orders_history")
                .hasSize(LayeredLayout.MAX_TEXT);
        assertThat(dataset.href()).isNull();
    }

    /** Pairs of edges between the same two columns whose ends are in opposite orders. */
    static int crossings(GraphDrawing drawing) {
        Map<String, GraphDrawing.Box> box = boxes(drawing);
        List<GraphDrawing.Curve> edges = drawing.edges();
        int count = 0;
        for (int i = 0; i < edges.size(); i++) {
            for (int j = i + 1; j < edges.size(); j++) {
                GraphDrawing.Box a1 = box.get(edges.get(i).from());
                GraphDrawing.Box a2 = box.get(edges.get(i).to());
                GraphDrawing.Box b1 = box.get(edges.get(j).from());
                GraphDrawing.Box b2 = box.get(edges.get(j).to());
                if (a1.x() == b1.x() && a2.x() == b2.x() && (long) (a1.y() - b1.y()) * (a2.y() - b2.y()) < 0) {
                    count++;
                }
            }
        }
        return count;
    }

    static void assertNoOverlap(GraphDrawing drawing) {
        List<GraphDrawing.Box> boxes = drawing.nodes();
        for (int i = 0; i < boxes.size(); i++) {
            GraphDrawing.Box a = boxes.get(i);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(drawing.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(drawing.height());
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphDrawing.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x()
                        || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y()
                        || b.y() + b.height() <= a.y();
                assertThat(apart).as(a.key() + " and " + b.key() + " overlap").isTrue();
            }
        }
    }

    private static Map<String, GraphDrawing.Box> boxes(GraphDrawing drawing) {
        Map<String, GraphDrawing.Box> byKey = new HashMap<>();
        drawing.nodes().forEach(b -> byKey.put(b.key(), b));
        return byKey;
    }

    static LineageGraph.Node node(String id, int distance) {
        return new LineageGraph.Node("PRODUCT:" + id, "PRODUCT", id, null, distance);
    }

    static LineageGraph.Edge edge(String from, String to) {
        return new LineageGraph.Edge("PRODUCT:" + from, "PRODUCT:" + to);
    }

    static LineageGraph graph(List<LineageGraph.Node> nodes, List<LineageGraph.Edge> edges) {
        return new LineageGraph(nodes.getFirst().key(), 3, List.copyOf(nodes), List.copyOf(edges), false, null);
    }
}

package dev.tessera.portal.lineage;

import static dev.tessera.portal.api.GatewayClient.segment;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A lineage graph ready for a page: the graph, its drawing, and the addresses of the page's controls
 * (depth, show all, the table). Every control is a plain link or GET form, so the page works without
 * JavaScript.
 *
 * @param productId the product the graph is around
 * @param depth hops shown each way
 * @param all every node is drawn (no "N more" boxes)
 */
public record LineageView(String productId, int depth, boolean all, LineageGraph graph, GraphDrawing drawing) {

    /** The depths a user may ask for. */
    public static final int MIN_DEPTH = 1;

    public static final int MAX_DEPTH = 5;

    /** The depth control's choices. */
    public static final List<Integer> DEPTHS =
            IntStream.rangeClosed(MIN_DEPTH, MAX_DEPTH).boxed().toList();

    /** Lays out {@code graph}, drawing at most {@code perColumn} boxes a column unless {@code all}. */
    public static LineageView of(String productId, LineageGraph graph, boolean all, int perColumn) {
        String whole = href(productId, graph.depth(), true) + "#lineage-graph";
        return new LineageView(
                productId, graph.depth(), all, graph, LayeredLayout.layout(graph, all ? 0 : perColumn, whole));
    }

    public List<Integer> depths() {
        return DEPTHS;
    }

    /** The lineage page at this depth. */
    public String pageHref() {
        return href(productId, depth, all);
    }

    /** The table alternative on the lineage page. */
    public String tableHref() {
        return href(productId, depth, all) + "#lineage-table";
    }

    /** The lineage page one hop deeper, or null at the deepest. */
    public String deeperHref() {
        return depth < MAX_DEPTH ? href(productId, depth + 1, all) + "#lineage-graph" : null;
    }

    /** The lineage page with every node drawn. */
    public String allHref() {
        return href(productId, depth, true) + "#lineage-graph";
    }

    public String partialNote() {
        return graph.partialNote();
    }

    /** How many products and datasets the graph holds besides the root. */
    public int neighbours() {
        return graph.nodes().size() - 1;
    }

    static String href(String productId, int depth, boolean all) {
        return "/products/" + segment(productId) + "/lineage?depth=" + depth + (all ? "&all=true" : "");
    }
}

package dev.tessera.portal.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a {@link LineageGraph} out in columns, data flowing left to right, in the manner of Sugiyama's
 * layered drawing: cycles broken by reversing the edges a depth-first search meets backwards,
 * longest-path layering (each node one column right of its furthest feeder, a pure source pulled up
 * to just left of what it feeds), then barycentre ordering (each column sorted by the mean place of
 * its neighbours in the columns before it, then after it, a few sweeps each way) to keep crossings
 * few. Written here rather than taken from Eclipse ELK because ELK does not resolve from this
 * build's repository; the graphs are small (at most a few thousand nodes) and the layout is linear
 * in edges per sweep.
 *
 * <p>A column holding more than {@code perColumn} nodes keeps the root and its nearest products and
 * datasets and draws the rest as one "N more" box that links to {@code moreHref}; edges to the nodes
 * left out go to that box.
 *
 * <p>Invariants of the result: boxes never overlap; every box of one column has the same x; for an
 * acyclic graph every edge runs from a column to one further right.
 */
public final class LayeredLayout {

    static final int BOX_WIDTH = 200;
    static final int BOX_HEIGHT = 32;
    static final int COLUMN_GAP = 72;
    static final int ROW_GAP = 12;
    static final int PAD = 8;
    static final int MAX_TEXT = 24;
    private static final int SWEEPS = 8;

    private LayeredLayout() {}

    /**
     * Lays out {@code graph}.
     *
     * @param perColumn most boxes per column, the "N more" box included; 0 for no limit
     * @param moreHref where an "N more" box links to (the whole graph); may be null when perColumn is 0
     */
    public static GraphDrawing layout(LineageGraph graph, int perColumn, String moreHref) {
        List<LineageGraph.Node> nodes = graph.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).key(), i);
        }
        int[][] edges = graph.edges().stream()
                .map(e -> new int[] {index.get(e.from()), index.get(e.to())})
                .toArray(int[][]::new);
        int[] layer = layers(n, edges);

        // Columns, each in the graph's order (root, then nearest, products before datasets).
        int columns = Arrays.stream(layer).max().orElse(0) + 1;
        List<List<Integer>> column = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            column.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            column.get(layer[i]).add(i);
        }

        // Overflow: ids n.. are "N more" boxes; drawnAs[v] is the box node v is drawn as.
        int[] drawnAs = new int[n];
        for (int i = 0; i < n; i++) {
            drawnAs[i] = i;
        }
        List<Integer> moreCount = new ArrayList<>();
        int hidden = 0;
        for (int c = 0; c < columns; c++) {
            List<Integer> col = column.get(c);
            if (perColumn <= 0 || col.size() <= perColumn) {
                continue;
            }
            int more = n + moreCount.size();
            List<Integer> kept = new ArrayList<>(col.subList(0, perColumn - 1));
            List<Integer> left = col.subList(perColumn - 1, col.size());
            for (int v : left) {
                drawnAs[v] = more;
            }
            moreCount.add(left.size());
            hidden += left.size();
            kept.add(more);
            column.set(c, kept);
        }
        int total = n + moreCount.size();
        int[] layerOf = new int[total];
        for (int c = 0; c < columns; c++) {
            for (int v : column.get(c)) {
                layerOf[v] = c;
            }
        }

        // Edges between drawn boxes, each pair once.
        Set<Long> seen = new LinkedHashSet<>();
        List<int[]> drawnEdges = new ArrayList<>();
        for (int[] e : edges) {
            int from = drawnAs[e[0]];
            int to = drawnAs[e[1]];
            if (from != to && seen.add(((long) from << 32) | to)) {
                drawnEdges.add(new int[] {from, to});
            }
        }
        List<List<Integer>> before = neighbours(total, drawnEdges, layerOf, true);
        List<List<Integer>> after = neighbours(total, drawnEdges, layerOf, false);
        order(column, before, after, total, n);

        // Places: columns left to right, each centred on the tallest.
        int rows = column.stream().mapToInt(List::size).max().orElse(1);
        int rowStep = BOX_HEIGHT + ROW_GAP;
        int[] x = new int[total];
        int[] y = new int[total];
        for (int c = 0; c < columns; c++) {
            List<Integer> col = column.get(c);
            int top = PAD + (rows - col.size()) * rowStep / 2;
            for (int r = 0; r < col.size(); r++) {
                x[col.get(r)] = PAD + c * (BOX_WIDTH + COLUMN_GAP);
                y[col.get(r)] = top + r * rowStep;
            }
        }

        List<GraphDrawing.Box> boxes = new ArrayList<>(total);
        for (List<Integer> col : column) {
            for (int v : col) {
                boxes.add(
                        v < n
                                ? box(nodes.get(v), x[v], y[v])
                                : more(layerOf[v], moreCount.get(v - n), moreHref, x[v], y[v]));
            }
        }
        String[] keys = new String[total];
        for (int v = 0; v < total; v++) {
            keys[v] = v < n ? nodes.get(v).key() : "more:" + layerOf[v];
        }
        List<GraphDrawing.Curve> curves = new ArrayList<>(drawnEdges.size());
        for (int[] e : drawnEdges) {
            curves.add(curve(keys[e[0]], keys[e[1]], x[e[0]], y[e[0]], x[e[1]], y[e[1]]));
        }
        int width = 2 * PAD + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP;
        int height = 2 * PAD + rows * rowStep - ROW_GAP;
        return new GraphDrawing(width, height, List.copyOf(boxes), List.copyOf(curves), hidden);
    }

    /** Longest-path layers over the graph with its back edges (found by depth-first search) reversed. */
    static int[] layers(int n, int[][] edges) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            out.get(e[0]).add(e[1]);
        }
        // Iterative depth-first search from every unvisited node, in order (the root first).
        int[] state = new int[n]; // 0 new, 1 on the stack, 2 done
        boolean[][] back = new boolean[n][];
        for (int i = 0; i < n; i++) {
            back[i] = new boolean[out.get(i).size()];
        }
        int[] cursor = new int[n];
        int[] stack = new int[n];
        for (int start = 0; start < n; start++) {
            if (state[start] != 0) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            state[start] = 1;
            while (top > 0) {
                int v = stack[top - 1];
                if (cursor[v] < out.get(v).size()) {
                    int i = cursor[v]++;
                    int w = out.get(v).get(i);
                    if (state[w] == 1) {
                        back[v][i] = true;
                    } else if (state[w] == 0) {
                        state[w] = 1;
                        stack[top++] = w;
                    }
                } else {
                    state[v] = 2;
                    top--;
                }
            }
        }
        // The acyclic graph: forward edges as they are, back edges reversed, self loops dropped.
        List<List<Integer>> succ = new ArrayList<>();
        List<List<Integer>> pred = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(new ArrayList<>());
            pred.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            for (int i = 0; i < out.get(v).size(); i++) {
                int w = out.get(v).get(i);
                if (v == w) {
                    continue;
                }
                int from = back[v][i] ? w : v;
                int to = back[v][i] ? v : w;
                succ.get(from).add(to);
                pred.get(to).add(from);
            }
        }
        // Kahn's order; each node one layer right of its furthest predecessor.
        int[] indegree = new int[n];
        for (int v = 0; v < n; v++) {
            indegree[v] = pred.get(v).size();
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (indegree[v] == 0) {
                queue[tail++] = v;
            }
        }
        int[] layer = new int[n];
        while (head < tail) {
            int v = queue[head++];
            for (int w : succ.get(v)) {
                layer[w] = Math.max(layer[w], layer[v] + 1);
                if (--indegree[w] == 0) {
                    queue[tail++] = w;
                }
            }
        }
        // A pure source sits just left of the nearest node it feeds, not in the first column.
        for (int i = tail - 1; i >= 0; i--) {
            int v = queue[i];
            if (pred.get(v).isEmpty() && !succ.get(v).isEmpty()) {
                int nearest = succ.get(v).stream().mapToInt(w -> layer[w]).min().getAsInt();
                layer[v] = Math.max(layer[v], nearest - 1);
            }
        }
        int min = Arrays.stream(layer).min().orElse(0);
        for (int v = 0; v < n; v++) {
            layer[v] -= min;
        }
        return layer;
    }

    /** For each box, its neighbours in columns to the left ({@code left}) or to the right. */
    private static List<List<Integer>> neighbours(int total, List<int[]> edges, int[] layerOf, boolean left) {
        List<List<Integer>> result = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            result.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            int a = e[0];
            int b = e[1];
            if (layerOf[a] == layerOf[b]) {
                continue;
            }
            int lo = layerOf[a] < layerOf[b] ? a : b;
            int hi = lo == a ? b : a;
            if (left) {
                result.get(hi).add(lo);
            } else {
                result.get(lo).add(hi);
            }
        }
        return result;
    }

    /** Barycentre sweeps: left to right by neighbours before, right to left by neighbours after. */
    private static void order(
            List<List<Integer>> column,
            List<List<Integer>> before,
            List<List<Integer>> after,
            int total,
            int firstMore) {
        double[] place = new double[total];
        for (List<Integer> col : column) {
            place(col, place);
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean rightward = sweep % 2 == 0;
            for (int i = 0; i < column.size(); i++) {
                int c = rightward ? i : column.size() - 1 - i;
                List<Integer> col = column.get(c);
                List<List<Integer>> by = rightward ? before : after;
                Map<Integer, Double> centre = new HashMap<>();
                for (int v : col) {
                    List<Integer> ns = by.get(v);
                    centre.put(
                            v,
                            ns.isEmpty()
                                    ? place[v]
                                    : ns.stream()
                                            .mapToDouble(w -> place[w])
                                            .average()
                                            .getAsDouble());
                }
                // "N more" boxes stay at the foot of their column; the sort is stable for ties.
                col.sort(Comparator.comparing((Integer v) -> v >= firstMore ? 1 : 0)
                        .thenComparingDouble(centre::get));
                place(col, place);
            }
        }
    }

    /** A column's places centred on 0, so columns of different heights line up by their middles. */
    private static void place(List<Integer> col, double[] place) {
        double middle = (col.size() - 1) / 2.0;
        for (int r = 0; r < col.size(); r++) {
            place[col.get(r)] = r - middle;
        }
    }

    private static GraphDrawing.Box box(LineageGraph.Node node, int x, int y) {
        String what = node.product() ? "Product " : "Dataset ";
        StringBuilder description = new StringBuilder(what).append(node.id());
        if (node.domain() != null) {
            description.append(", domain ").append(node.domain());
        }
        if (node.root()) {
            description.append(", the product this graph is around");
        } else {
            description
                    .append(", ")
                    .append(node.direction().toLowerCase(java.util.Locale.ROOT))
                    .append(", ")
                    .append(node.hops())
                    .append(node.hops() == 1 ? " hop" : " hops");
        }
        return new GraphDrawing.Box(
                node.key(),
                node.product() ? GraphDrawing.Kind.PRODUCT : GraphDrawing.Kind.DATASET,
                x,
                y,
                BOX_WIDTH,
                BOX_HEIGHT,
                node.product() ? shorten(node.label()) : shortenFromLeft(node.label()),
                description.toString(),
                node.href(),
                node.root());
    }

    private static GraphDrawing.Box more(int layer, int count, String href, int x, int y) {
        return new GraphDrawing.Box(
                "more:" + layer,
                GraphDrawing.Kind.MORE,
                x,
                y,
                BOX_WIDTH,
                BOX_HEIGHT,
                count + " more",
                count + " more " + (count == 1 ? "node" : "nodes") + " in this column: show the whole graph",
                href,
                false);
    }

    static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /** A dataset's name keeps its end, where the table is named. */
    static String shortenFromLeft(String text) {
        return text.length() <= MAX_TEXT ? text : "…" + text.substring(text.length() - (MAX_TEXT - 1));
    }

    /** A curve from the right edge of one box to the left edge of another. */
    private static GraphDrawing.Curve curve(String from, String to, int x1, int y1, int x2, int y2) {
        int sx = x1 + BOX_WIDTH;
        int sy = y1 + BOX_HEIGHT / 2;
        int ty = y2 + BOX_HEIGHT / 2;
        boolean back = x2 <= x1;
        String path;
        if (!back) {
            int mid = (sx + x2) / 2;
            path = "M" + sx + " " + sy + " C" + mid + " " + sy + " " + mid + " " + ty + " " + x2 + " " + ty;
        } else {
            // Against the flow: leave to the right, come round, enter from the left.
            int out = sx + COLUMN_GAP / 2;
            int in = x2 - COLUMN_GAP / 2;
            path = "M" + sx + " " + sy + " C" + out + " " + sy + " " + in + " " + ty + " " + x2 + " " + ty;
        }
        return new GraphDrawing.Curve(from, to, path, back);
    }
}

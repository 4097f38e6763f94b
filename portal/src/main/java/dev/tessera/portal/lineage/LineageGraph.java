package dev.tessera.portal.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The products and datasets around one node, as the portal draws them, read from the lineage
 * service's export ({@code GET /api/lineage/v1/export?format=json}: every node a traversal reached and
 * the edges between them).
 *
 * <p>The export also holds ports, jobs and columns. They are contracted away: an edge runs from one
 * product or dataset to another when the export has a path between them through nodes of those
 * other kinds only (a product, its output port, a consuming product becomes product to product; a
 * dataset, the job reading it, the dataset it writes becomes dataset to dataset). A <em>hop</em> is one
 * such edge, so one hop is two steps of the lineage service's own depth.
 *
 * <p>Invariants: the root is always a node; every other node is at most {@code depth} hops upstream or
 * downstream of it; edges join nodes of the graph only, never a node to itself, each pair once.
 *
 * @param rootKey the node the graph is around ({@code PRODUCT:id})
 * @param depth the hops asked for
 * @param nodes the root first, then by distance, upstream before downstream at the same distance
 * @param edges from the node feeding to the node fed
 * @param partial the lineage service cut its traversal short (node cap or time budget): nodes may be
 *     missing, but those shown are real
 * @param reason why it was cut (NODE_CAP, TIME_BUDGET), or null
 */
public record LineageGraph(
        String rootKey, int depth, List<Node> nodes, List<Edge> edges, boolean partial, String reason) {

    /** Steps of the lineage service's traversal per hop of this graph. */
    public static final int STEPS_PER_HOP = 2;

    /** The node kinds the graph shows; every other kind is contracted away. */
    static final Set<String> SHOWN = Set.of("PRODUCT", "DATASET");

    /**
     * One product or dataset.
     *
     * @param key the lineage node key, {@code TYPE:id}
     * @param type PRODUCT or DATASET
     * @param id the id within the type: a product id, or a dataset's {@code namespace/name}
     * @param domain the owning domain, when lineage knows it
     * @param distance hops from the root: negative upstream, positive downstream, 0 for the root
     */
    public record Node(String key, String type, String id, String domain, int distance) {

        public boolean product() {
            return "PRODUCT".equals(type);
        }

        public boolean root() {
            return distance == 0;
        }

        /** A short name: the product id, or the last part of a dataset's name. */
        public String label() {
            if (product()) {
                return id;
            }
            int slash = id.lastIndexOf('/');
            return slash >= 0 && slash < id.length() - 1 ? id.substring(slash + 1) : id;
        }

        /** Where the node's page is: a product's page; datasets have none. */
        public String href() {
            return product() ? "/products/" + id : null;
        }

        /** Upstream, downstream or this product, in words. */
        public String direction() {
            return distance < 0 ? "Upstream" : distance > 0 ? "Downstream" : "This product";
        }

        public int hops() {
            return Math.abs(distance);
        }
    }

    /** Data flows from {@code from} to {@code to} (node keys). */
    public record Edge(String from, String to) {}

    /** An empty graph of the root alone (lineage knows nothing around it). */
    static LineageGraph lonely(String rootKey, int depth) {
        return new LineageGraph(rootKey, depth, List.of(rootNode(rootKey)), List.of(), false, null);
    }

    /**
     * Reads an export and keeps the products and datasets at most {@code depth} hops from {@code
     * rootKey}.
     */
    public static LineageGraph of(JsonNode export, String rootKey, int depth) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (JsonNode n : export.path("nodes")) {
            all.put(n.path("key").asText(), n);
        }
        Map<String, List<String>> successors = new HashMap<>();
        for (JsonNode e : export.path("edges")) {
            String from = e.path("from").asText();
            String to = e.path("to").asText();
            if (!from.equals(to)) {
                successors.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
            }
        }
        // Contract: from every shown node, walk forward through hidden nodes to the shown ones beyond.
        Map<String, Set<String>> down = new HashMap<>();
        Map<String, Set<String>> up = new HashMap<>();
        for (String key : all.keySet()) {
            if (!shown(key)) {
                continue;
            }
            for (String target : shownSuccessors(key, successors)) {
                down.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(target);
                up.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(key);
            }
        }
        Map<String, Integer> downstream = distances(rootKey, down, depth);
        Map<String, Integer> upstream = distances(rootKey, up, depth);

        Map<String, Node> kept = new LinkedHashMap<>();
        kept.put(rootKey, node(rootKey, all.get(rootKey), 0));
        for (String key : all.keySet()) {
            if (key.equals(rootKey) || !shown(key)) {
                continue;
            }
            Integer d = downstream.get(key);
            Integer u = upstream.get(key);
            if (d == null && u == null) {
                continue;
            }
            // A node both upstream and downstream (a cycle) is placed on its nearer side, downstream on a tie.
            int distance = u == null || (d != null && d <= u) ? d : -u;
            kept.put(key, node(key, all.get(key), distance));
        }
        List<Node> nodes = new ArrayList<>(kept.values());
        nodes.sort(Comparator.comparingInt((Node n) -> n.root() ? -1 : 0)
                .thenComparingInt(Node::hops)
                .thenComparingInt(n -> n.distance() < 0 ? 0 : 1)
                .thenComparing(n -> n.product() ? 0 : 1)
                .thenComparing(Node::id));
        List<Edge> edges = new ArrayList<>();
        for (Node n : nodes) {
            for (String target : down.getOrDefault(n.key(), Set.of())) {
                if (kept.containsKey(target)) {
                    edges.add(new Edge(n.key(), target));
                }
            }
        }
        return new LineageGraph(
                rootKey,
                depth,
                List.copyOf(nodes),
                List.copyOf(edges),
                export.path("partial").asBoolean(false),
                export.path("reason").isTextual() ? export.path("reason").asText() : null);
    }

    /** The products upstream of the root, nearest first. */
    public List<Node> upstreamProducts() {
        return nodes.stream().filter(n -> n.distance() < 0 && n.product()).toList();
    }

    /** The products downstream of the root, nearest first. */
    public List<Node> downstreamProducts() {
        return nodes.stream().filter(n -> n.distance() > 0 && n.product()).toList();
    }

    /**
     * One row of the table that stands in for the drawing: a node with the nodes it feeds and the nodes
     * feeding it.
     */
    public record Row(Node node, List<Node> feeds, List<Node> fedBy) {}

    /** Every node with its neighbours, in the graph's order (the table alternative to the drawing). */
    public List<Row> rows() {
        Map<String, Node> byKey = new HashMap<>();
        nodes.forEach(n -> byKey.put(n.key(), n));
        Map<String, List<Node>> feeds = new HashMap<>();
        Map<String, List<Node>> fedBy = new HashMap<>();
        for (Edge e : edges) {
            feeds.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(byKey.get(e.to()));
            fedBy.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(byKey.get(e.from()));
        }
        return nodes.stream()
                .map(n -> new Row(n, feeds.getOrDefault(n.key(), List.of()), fedBy.getOrDefault(n.key(), List.of())))
                .toList();
    }

    /** The partial answer in words, or null for a complete one. */
    public String partialNote() {
        if (!partial) {
            return null;
        }
        String why = "TIME_BUDGET".equals(reason)
                ? "it stopped at its time budget"
                : "NODE_CAP".equals(reason) ? "it stopped at its node limit" : "it stopped early";
        return "Lineage answered in part (" + why + "): the nodes shown are real, and more may exist beyond them.";
    }

    private static boolean shown(String key) {
        int colon = key.indexOf(':');
        return colon > 0 && SHOWN.contains(key.substring(0, colon));
    }

    private static Set<String> shownSuccessors(String from, Map<String, List<String>> successors) {
        Set<String> found = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(successors.getOrDefault(from, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (!seen.add(next) || next.equals(from)) {
                continue;
            }
            if (shown(next)) {
                found.add(next);
            } else {
                todo.addAll(successors.getOrDefault(next, List.of()));
            }
        }
        return found;
    }

    /** Hops from the root along {@code adjacency}, up to {@code depth}; the root itself is left out. */
    private static Map<String, Integer> distances(String root, Map<String, Set<String>> adjacency, int depth) {
        Map<String, Integer> distance = new HashMap<>();
        distance.put(root, 0);
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            int d = distance.get(at);
            if (d == depth) {
                continue;
            }
            for (String next : adjacency.getOrDefault(at, Set.of())) {
                if (!distance.containsKey(next)) {
                    distance.put(next, d + 1);
                    todo.add(next);
                }
            }
        }
        distance.remove(root);
        return distance;
    }

    private static Node node(String key, JsonNode exported, int distance) {
        int colon = key.indexOf(':');
        String type = colon > 0 ? key.substring(0, colon) : "PRODUCT";
        String id = colon > 0 ? key.substring(colon + 1) : key;
        String domain = exported != null && exported.path("domainId").isTextual()
                ? exported.path("domainId").asText()
                : null;
        return new Node(key, type, id, domain, distance);
    }

    private static Node rootNode(String rootKey) {
        return node(rootKey, null, 0);
    }
}

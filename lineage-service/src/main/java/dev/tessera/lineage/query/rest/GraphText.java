package dev.tessera.lineage.query.rest;

import java.util.HashMap;
import java.util.Map;

/** Renders an exported subgraph as Mermaid or Graphviz DOT, for pasting into docs. */
final class GraphText {

    private GraphText() {}

    static String mermaid(GraphExport graph) {
        StringBuilder text = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new HashMap<>();
        for (NodeView node : graph.nodes()) {
            String id = "n" + ids.size();
            ids.put(node.key(), id);
            text.append("  ")
                    .append(id)
                    .append("[\"")
                    .append(node.type())
                    .append(": ")
                    .append(node.id().replace("\"", "#quot;"))
                    .append("\"]\n");
        }
        for (GraphExport.Edge edge : graph.edges()) {
            text.append("  ")
                    .append(ids.get(edge.from()))
                    .append(" --> ")
                    .append(ids.get(edge.to()))
                    .append('\n');
        }
        return text.toString();
    }

    static String dot(GraphExport graph) {
        StringBuilder text = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
        for (NodeView node : graph.nodes()) {
            text.append("  ")
                    .append(quote(node.key()))
                    .append(" [label=")
                    .append(quote(node.type() + "\n" + node.id()))
                    .append("];\n");
        }
        for (GraphExport.Edge edge : graph.edges()) {
            text.append("  ")
                    .append(quote(edge.from()))
                    .append(" -> ")
                    .append(quote(edge.to()))
                    .append(";\n");
        }
        return text.append("}\n").toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}

package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a product, as the registry's diff reports it ({@code GET
 * /api/registry/v1/products/{id}/diff?from=&to=}): every structured change, and the breaking-change
 * findings of {@code to} against {@code from}. A change is marked breaking when a breaking finding
 * is about the same place in the descriptor (the same path, or one inside the other).
 *
 * @param breakingCount how many findings are breaking
 */
public record VersionDiffView(String from, String to, List<Finding> findings, List<Change> changes, int breakingCount) {

    /**
     * A finding of the registry's breaking-change rules.
     *
     * @param rule the rule's stable id
     * @param path where, by names: {@code outputPorts[orders-table].contract.schema[orders]...}
     */
    public record Finding(String severity, String rule, String path, String message) {

        public boolean breaking() {
            return "BREAKING".equals(severity);
        }
    }

    /**
     * One difference.
     *
     * @param op added, removed or changed
     * @param before the old value as text, or null when added
     * @param after the new value as text, or null when removed
     * @param breaking a breaking finding is about this place
     */
    public record Change(String op, String path, String before, String after, boolean breaking) {}

    static VersionDiffView of(JsonNode diff) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : diff.path("findings")) {
            findings.add(new Finding(text(f, "severity"), text(f, "rule"), text(f, "path"), text(f, "message")));
        }
        findings.sort((a, b) -> Boolean.compare(b.breaking(), a.breaking()));
        List<String> breakingPaths =
                findings.stream().filter(Finding::breaking).map(Finding::path).toList();
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : diff.path("changes")) {
            String path = text(c, "path");
            changes.add(new Change(
                    text(c, "op"),
                    path == null || path.isEmpty() ? "(the whole descriptor)" : path,
                    JsonText.of(c.path("before")),
                    JsonText.of(c.path("after")),
                    path != null && breakingPaths.stream().anyMatch(b -> related(path, b))));
        }
        return new VersionDiffView(
                text(diff, "from"), text(diff, "to"), List.copyOf(findings), List.copyOf(changes), (int)
                        findings.stream().filter(Finding::breaking).count());
    }

    /** One path is the other, or lies inside it (the next character starts a field or an index). */
    static boolean related(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return a.equals(b) || inside(a, b) || inside(b, a);
    }

    private static boolean inside(String inner, String outer) {
        return inner.startsWith(outer)
                && inner.length() > outer.length()
                && (inner.charAt(outer.length()) == '.' || inner.charAt(outer.length()) == '[');
    }
}

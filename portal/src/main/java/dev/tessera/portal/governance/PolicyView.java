package dev.tessera.portal.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A governance policy as the governance pages show it ({@code GET /api/governance/v1/policies} items and
 * {@code .../policies/{id}}).
 *
 * @param scope GLOBAL or the domain whose products it checks
 * @param severity BLOCKING (keeps a version from being published) or an advisory level
 * @param target what one run of it looks at: the product, each output port or each schema property
 */
public record PolicyView(
        String id,
        String name,
        String description,
        String scope,
        String severity,
        int weight,
        String target,
        String expression,
        String message,
        String remediation,
        boolean enabled,
        long version,
        String updatedAt,
        String updatedBy) {

    static PolicyView of(JsonNode p) {
        return new PolicyView(
                p.path("id").asText(),
                p.path("name").asText(p.path("id").asText()),
                text(p, "description"),
                text(p, "scope"),
                text(p, "severity"),
                p.path("weight").asInt(),
                text(p, "target"),
                text(p, "expression"),
                text(p, "message"),
                text(p, "remediation"),
                p.path("enabled").asBoolean(true),
                p.path("version").asLong(),
                text(p, "updatedAt"),
                text(p, "updatedBy"));
    }

    static List<PolicyView> list(JsonNode page) {
        List<PolicyView> policies = new ArrayList<>();
        page.path("items").forEach(p -> policies.add(of(p)));
        return policies;
    }

    /**
     * One version of a policy from its history: what changed, who changed it and when, and the
     * expression as it was then (null for a deletion).
     */
    public record Version(long version, String change, String changedBy, String changedAt, PolicyView policy) {

        static List<Version> list(JsonNode history) {
            List<Version> versions = new ArrayList<>();
            for (JsonNode v : history) {
                JsonNode p = v.path("policy");
                versions.add(new Version(
                        v.path("version").asLong(),
                        text(v, "change"),
                        text(v, "changedBy"),
                        text(v, "changedAt"),
                        p.isObject() ? of(p) : null));
            }
            return versions;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}

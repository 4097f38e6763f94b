package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A data product as its page shows it, read from the registry's answer ({@code GET
 * /api/registry/v1/products/{id}}: the product, its versions and the newest descriptor the user may
 * read, ODPS with ODCS contracts inline on the output ports).
 *
 * @param version the version the descriptor describes (what the downloads export)
 */
public record ProductView(
        String id,
        String name,
        String domain,
        String version,
        String status,
        String purpose,
        String usage,
        String limitations,
        List<String> tags,
        String team,
        List<String> owners,
        List<Support> support,
        List<Version> versions,
        List<OutputPort> outputPorts,
        List<InputPort> inputPorts) {

    /** A support channel; {@code url} may be null. */
    public record Support(String channel, String url) {}

    /** A version and where it is in its lifecycle. */
    public record Version(String version, String status, String since, String sunsetDate, String successor) {}

    /** An output port with its contract (null when the port has none inline). */
    public record OutputPort(String name, String type, String version, String description, ContractView contract) {}

    /** What the product reads: another product's contract. */
    public record InputPort(String name, String version, String contractId) {}

    /** The version a comparison starts from by default: the one before the newest. */
    public String compareFrom() {
        return versions.size() < 2 ? null : versions.get(versions.size() - 2).version();
    }

    /** The version a comparison goes to by default: the newest. */
    public String compareTo() {
        return versions.isEmpty() ? null : versions.getLast().version();
    }

    static ProductView of(JsonNode product) {
        JsonNode d = product.path("descriptor");
        List<String> tags = new ArrayList<>();
        d.path("tags").forEach(t -> tags.add(t.asText()));
        List<String> owners = new ArrayList<>();
        for (JsonNode member : d.path("team").path("members")) {
            if ("owner".equalsIgnoreCase(member.path("role").asText())) {
                owners.add(member.path("username").asText(member.path("name").asText()));
            }
        }
        List<Support> support = new ArrayList<>();
        for (JsonNode s : d.path("support")) {
            support.add(new Support(text(s, "channel"), safeUrl(text(s, "url"))));
        }
        List<Version> versions = new ArrayList<>();
        for (JsonNode v : product.path("versions")) {
            versions.add(new Version(
                    text(v, "version"),
                    text(v, "status"),
                    Times.readable(
                            text(v, "statusChangedAt") != null ? text(v, "statusChangedAt") : text(v, "createdAt")),
                    text(v, "sunsetDate"),
                    text(v, "successor")));
        }
        List<OutputPort> outputs = new ArrayList<>();
        for (JsonNode p : d.path("outputPorts")) {
            outputs.add(new OutputPort(
                    text(p, "name"),
                    text(p, "type"),
                    text(p, "version"),
                    description(p.path("description")),
                    p.path("contract").isObject() ? ContractView.of(p.path("contract")) : null));
        }
        List<InputPort> inputs = new ArrayList<>();
        for (JsonNode p : d.path("inputPorts")) {
            inputs.add(new InputPort(text(p, "name"), text(p, "version"), text(p, "contractId")));
        }
        JsonNode description = d.path("description");
        return new ProductView(
                product.path("id").asText(),
                text(d, "name") != null ? text(d, "name") : product.path("name").asText(),
                product.path("domain").asText(text(d, "domain")),
                text(d, "version"),
                text(product, "status") != null ? text(product, "status") : text(d, "status"),
                description.isObject() ? text(description, "purpose") : description(description),
                description.isObject() ? text(description, "usage") : null,
                description.isObject() ? text(description, "limitations") : null,
                tags,
                text(d.path("team"), "name"),
                owners,
                support,
                versions,
                outputs,
                inputs);
    }

    /** A port's description: text, or the ODPS object's purpose. */
    private static String description(JsonNode description) {
        if (description.isTextual()) {
            return description.asText();
        }
        return description.isObject() ? text(description, "purpose") : null;
    }

    /** Only http(s) and mailto links become links; anything else (javascript:, data:) is shown as text. */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:") ? url : null;
    }
}

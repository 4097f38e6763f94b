package dev.tessera.standards.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, read-only view of a Tessera descriptor, so the rest of the registry does not navigate JSON by hand.
 *
 * <p>Every accessor is tolerant: a missing or ill-typed field (for example {@code outputPorts} given as a string) yields
 * {@code null} for plain strings, {@link Optional#empty()} or an empty list, never an exception. This lets the registry
 * read stored descriptors that predate a validation rule.
 *
 * @param root the descriptor; may be anything, including {@code null}
 */
public record DescriptorView(JsonNode root) {

    /** A reference to the contract another product promises on the port this product reads. */
    public record InputPortRef(String name, String version, String contractId) {}

    /**
     * One output port.
     *
     * @param contractId the port's {@code contractId}, else the inline contract's {@code id}
     * @param contract the inline ODCS contract, if the port carries one
     * @param servers one summary per contract server, {@code type://host:port/database/schema} style, e.g.
     *     {@code postgresql://db.example:5432/shop/public}; parts the server does not have are left out
     */
    public record OutputPortView(
            String name,
            String version,
            String type,
            String description,
            String contractId,
            Optional<JsonNode> contract,
            List<String> servers) {}

    private static final String CUSTOM_PROPERTY_TERMS_OF_USE = "termsOfUse";

    public DescriptorView {
        root = root == null ? MissingNode.getInstance() : root;
    }

    public String id() {
        return text(root, "id");
    }

    public String name() {
        return text(root, "name");
    }

    public String version() {
        return text(root, "version");
    }

    public String domain() {
        return text(root, "domain");
    }

    public String status() {
        return text(root, "status");
    }

    public Optional<String> purpose() {
        return optionalText(root.path("description"), "purpose");
    }

    public Optional<String> usage() {
        return optionalText(root.path("description"), "usage");
    }

    public Optional<String> limitations() {
        return optionalText(root.path("description"), "limitations");
    }

    /** The string entries of {@code tags}. */
    public List<String> tags() {
        return texts(root.path("tags"));
    }

    /** Input ports that are objects; their fields may individually be {@code null}. */
    public List<InputPortRef> inputPorts() {
        List<InputPortRef> result = new ArrayList<>();
        for (JsonNode port : objects(root.path("inputPorts"))) {
            result.add(new InputPortRef(text(port, "name"), text(port, "version"), text(port, "contractId")));
        }
        return List.copyOf(result);
    }

    /** Output ports that are objects; their fields may individually be {@code null}. */
    public List<OutputPortView> outputPorts() {
        List<OutputPortView> result = new ArrayList<>();
        for (JsonNode port : objects(root.path("outputPorts"))) {
            JsonNode contractNode = port.path(DescriptorCodec.CONTRACT);
            Optional<JsonNode> contract = contractNode.isObject() ? Optional.of(contractNode) : Optional.empty();
            String contractId = text(port, "contractId");
            if (contractId == null) {
                contractId = contract.map(c -> text(c, "id")).orElse(null);
            }
            List<String> servers = new ArrayList<>();
            for (JsonNode server : objects(contractNode.path("servers"))) {
                servers.add(serverSummary(server));
            }
            result.add(new OutputPortView(
                    text(port, "name"),
                    text(port, "version"),
                    text(port, "type"),
                    text(port, "description"),
                    contractId,
                    contract,
                    List.copyOf(servers)));
        }
        return List.copyOf(result);
    }

    public Optional<String> teamName() {
        return optionalText(root.path("team"), "name");
    }

    /** Usernames of the team members (their name where a member has no username). */
    public List<String> teamMembers() {
        List<String> result = new ArrayList<>();
        for (JsonNode member : objects(root.path("team").path("members"))) {
            String username = text(member, "username");
            String name = username != null ? username : text(member, "name");
            if (name != null) {
                result.add(name);
            }
        }
        return List.copyOf(result);
    }

    /** Names of the support channels (their URL where a channel has no name). */
    public List<String> supportChannels() {
        List<String> result = new ArrayList<>();
        for (JsonNode support : objects(root.path("support"))) {
            String channel = text(support, "channel");
            String name = channel != null ? channel : text(support, "url");
            if (name != null) {
                result.add(name);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Terms of use: the top-level custom property {@code termsOfUse} when it is a string (ODPS has no such field), else
     * the recommended usage from {@code description.usage}.
     */
    public Optional<String> termsOfUse() {
        for (JsonNode property : objects(root.path("customProperties"))) {
            if (CUSTOM_PROPERTY_TERMS_OF_USE.equals(text(property, "property"))) {
                String value = text(property, "value");
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return usage();
    }

    private static String serverSummary(JsonNode server) {
        String type = text(server, "type");
        StringBuilder summary = new StringBuilder(type != null ? type : "server").append("://");
        String location = firstText(server, "host", "account", "project", "catalog", "location", "endpointUrl", "path");
        if (location == null) {
            location = firstText(server, "server", "id");
        }
        if (location != null) {
            summary.append(location);
        }
        JsonNode port = server.path("port");
        if (port.isIntegralNumber() || port.isTextual()) {
            summary.append(':').append(port.asText());
        }
        for (String part : new String[] {"database", "dataset", "schema", "topic"}) {
            String value = text(server, part);
            if (value != null) {
                summary.append('/').append(value);
            }
        }
        return summary.toString();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return Optional.ofNullable(text(node, field));
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (item.isTextual()) {
                    result.add(item.textValue());
                }
            }
        }
        return List.copyOf(result);
    }

    private static List<JsonNode> objects(JsonNode array) {
        List<JsonNode> result = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (item.isObject()) {
                    result.add(item);
                }
            }
        }
        return result;
    }
}

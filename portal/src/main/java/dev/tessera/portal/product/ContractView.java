package dev.tessera.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An output port's ODCS contract as the product page shows it: one schema table per schema object,
 * its SLAs, servers and quality rules. Nested properties are flattened into dotted names, so every
 * column of a nested object has its own row.
 */
public record ContractView(
        String id,
        String version,
        String status,
        List<SchemaObject> schema,
        List<Sla> slas,
        List<Properties> servers,
        List<Properties> qualityRules) {

    /** One table, topic or document of the contract and its columns. */
    public record SchemaObject(String name, String description, List<Column> columns) {}

    /**
     * One column.
     *
     * @param tags classification and PII tags as the contract gives them
     */
    public record Column(
            String name,
            String type,
            boolean required,
            boolean key,
            String classification,
            List<String> tags,
            String description) {

        public boolean pii() {
            return tags.stream().anyMatch(t -> t.equalsIgnoreCase("pii"));
        }
    }

    /** A service level: {@code property} (latency, retention, ...) with its value and unit. */
    public record Sla(String property, String value, String unit, String element) {}

    /**
     * Something the contract states as plain fields (a server, a quality rule), shown as a list of
     * name/value pairs in the contract's own order.
     *
     * @param title the server's name, or the rule's name, or the column the rule is on
     */
    public record Properties(String title, List<Map.Entry<String, String>> fields) {}

    static ContractView of(JsonNode contract) {
        List<SchemaObject> schema = new ArrayList<>();
        List<Properties> quality = new ArrayList<>();
        quality.addAll(rules(contract.path("quality"), "Contract"));
        for (JsonNode object : contract.path("schema")) {
            String objectName = text(object, "name");
            List<Column> columns = new ArrayList<>();
            columns(object.path("properties"), "", columns, quality);
            quality.addAll(rules(object.path("quality"), objectName));
            schema.add(new SchemaObject(objectName, text(object, "description"), columns));
        }
        List<Sla> slas = new ArrayList<>();
        for (JsonNode sla : contract.path("slaProperties")) {
            slas.add(new Sla(text(sla, "property"), text(sla, "value"), text(sla, "unit"), text(sla, "element")));
        }
        List<Properties> servers = new ArrayList<>();
        for (JsonNode server : contract.path("servers")) {
            servers.add(fields(text(server, "server"), server, "server"));
        }
        return new ContractView(
                text(contract, "id"),
                text(contract, "version"),
                text(contract, "status"),
                schema,
                slas,
                servers,
                quality);
    }

    private static void columns(JsonNode properties, String prefix, List<Column> out, List<Properties> quality) {
        for (JsonNode p : properties) {
            String name = prefix + text(p, "name");
            List<String> tags = new ArrayList<>();
            p.path("tags").forEach(t -> tags.add(t.asText()));
            String type = text(p, "logicalType");
            if (type == null) {
                type = text(p, "physicalType");
            }
            out.add(new Column(
                    name,
                    type,
                    p.path("required").asBoolean(false),
                    p.path("primaryKey").asBoolean(false),
                    text(p, "classification"),
                    tags,
                    text(p, "description")));
            quality.addAll(rules(p.path("quality"), name));
            if (p.path("properties").isArray()) {
                columns(p.path("properties"), name + ".", out, quality);
            }
            if (p.path("items").path("properties").isArray()) {
                columns(p.path("items").path("properties"), name + "[].", out, quality);
            }
        }
    }

    private static List<Properties> rules(JsonNode rules, String on) {
        List<Properties> out = new ArrayList<>();
        for (JsonNode rule : rules) {
            String name = text(rule, "name");
            out.add(fields(name == null ? on : on + ": " + name, rule, "name"));
        }
        return out;
    }

    private static Properties fields(String title, JsonNode node, String skip) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        node.properties().forEach(e -> {
            if (!e.getKey().equals(skip) && !e.getValue().isNull()) {
                JsonNode v = e.getValue();
                fields.add(Map.entry(e.getKey(), v.isValueNode() ? v.asText() : v.toString()));
            }
        });
        return new Properties(title, fields);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}

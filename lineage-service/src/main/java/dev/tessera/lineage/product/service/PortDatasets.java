package dev.tessera.lineage.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which OpenLineage datasets an output port's contract describes. The names follow the OpenLineage
 * dataset naming spec, built from the ODCS contract's {@code servers[]} and {@code schema[]} objects
 * (the table name is {@code physicalName}, else {@code name}):
 *
 * <ul>
 *   <li>databases with a host (postgres, mysql, sqlserver, oracle, db2, redshift, trino, ...):
 *       namespace {@code <type>://<host>[:<port>]}, name {@code <database>.<schema>.<table>}
 *       (missing parts left out; postgresql is written postgres, as OpenLineage does);
 *   <li>snowflake: {@code snowflake://<account>}, {@code <database>.<schema>.<table>};
 *   <li>bigquery: {@code bigquery}, {@code <project>.<dataset>.<table>};
 *   <li>databricks: {@code databricks://<host>}, {@code <catalog>.<schema>.<table>};
 *   <li>kafka: {@code kafka://<host>}, the topic (the schema object's name);
 *   <li>object stores and files with a {@code location} (s3, gcs, azure, local, ...): namespace the
 *       location's scheme and authority, name its path.
 * </ul>
 *
 * Matching is exact on {@code namespace/name}; a dataset also matches when one of its symlinks does.
 */
public final class PortDatasets {

    private PortDatasets() {}

    /** The qualified dataset names ({@code namespace/name}) a contract's servers and tables give. */
    public static Set<String> of(JsonNode contract) {
        Set<String> names = new LinkedHashSet<>();
        if (contract == null || !contract.isObject()) {
            return names;
        }
        List<String> tables = new ArrayList<>();
        for (JsonNode object : contract.path("schema")) {
            String table = text(object, "physicalName");
            table = table != null ? table : text(object, "name");
            if (table != null) {
                tables.add(table);
            }
        }
        for (JsonNode server : contract.path("servers")) {
            String type = lower(text(server, "type"));
            if (type == null) {
                continue;
            }
            String location = text(server, "location");
            if (location != null) {
                fromLocation(location).ifPresent(names::add);
                continue;
            }
            String namespace = namespace(type, server);
            if (namespace == null) {
                continue;
            }
            for (String table : tables) {
                names.add(namespace + "/" + qualifiedTable(type, server, table));
            }
        }
        return names;
    }

    private static String namespace(String type, JsonNode server) {
        String host = text(server, "host");
        return switch (type) {
            case "bigquery" -> "bigquery";
            case "snowflake" -> {
                String account = text(server, "account");
                yield account == null ? null : "snowflake://" + account;
            }
            case "kafka", "databricks" -> host == null ? null : type + "://" + host;
            default -> {
                if (host == null) {
                    yield null;
                }
                String scheme = type.equals("postgresql") ? "postgres" : type;
                String port = text(server, "port");
                yield scheme + "://" + host + (port == null ? "" : ":" + port);
            }
        };
    }

    private static String qualifiedTable(String type, JsonNode server, String table) {
        if (type.equals("kafka")) {
            return table;
        }
        List<String> parts = new ArrayList<>();
        String first = type.equals("bigquery") ? text(server, "project") : text(server, "database");
        if (type.equals("databricks") && text(server, "catalog") != null) {
            first = text(server, "catalog");
        }
        String second = type.equals("bigquery") ? text(server, "dataset") : text(server, "schema");
        if (first != null) {
            parts.add(first);
        }
        if (second != null) {
            parts.add(second);
        }
        parts.add(table);
        return String.join(".", parts);
    }

    private static java.util.Optional<String> fromLocation(String location) {
        try {
            URI uri = URI.create(location);
            if (uri.getScheme() == null) {
                return java.util.Optional.empty();
            }
            String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
            return path.isEmpty()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(uri.getScheme() + "://" + authority + "/" + path);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}

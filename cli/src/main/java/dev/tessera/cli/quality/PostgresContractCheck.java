package dev.tessera.cli.quality;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.quality.Threshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one ODCS contract against the tables of a PostgreSQL schema: the structure the contract declares (tables,
 * columns, types, required columns NOT NULL, primary keys), then its quality rules of type {@code library}
 * ({@code rowCount}, {@code nullValues}, {@code missingValues}, {@code duplicateValues}, {@code invalidValues}), the
 * ranges of {@code logicalTypeOptions}, and rules of type {@code sql}, whose query must answer one number.
 *
 * <p>Quality results are named by governance's check id ({@code <object>/<column or *>/<metric or type>/<key>}, key
 * the rule's id, else its name, else {@code #n} among unnamed rules of that object, column and kind; see
 * docs/quality.md), so results pushed with {@code --publish} land on the rules they decide.
 */
final class PostgresContractCheck {

    private static final Map<String, String> PHYSICAL_ALIASES = Map.ofEntries(
            Map.entry("int", "int4"),
            Map.entry("integer", "int4"),
            Map.entry("serial", "int4"),
            Map.entry("bigint", "int8"),
            Map.entry("bigserial", "int8"),
            Map.entry("smallint", "int2"),
            Map.entry("character varying", "varchar"),
            Map.entry("character", "bpchar"),
            Map.entry("char", "bpchar"),
            Map.entry("decimal", "numeric"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("boolean", "bool"),
            Map.entry("double precision", "float8"),
            Map.entry("double", "float8"),
            Map.entry("real", "float4"),
            Map.entry("float", "float8"));

    private static final Map<String, Set<String>> LOGICAL_TYPES = Map.of(
            "string", Set.of("varchar", "bpchar", "text", "uuid", "citext", "name"),
            "integer", Set.of("int2", "int4", "int8"),
            "number", Set.of("int2", "int4", "int8", "numeric", "float4", "float8"),
            "boolean", Set.of("bool"),
            "date", Set.of("date", "timestamp", "timestamptz"),
            "timestamp", Set.of("timestamp", "timestamptz"),
            "time", Set.of("time", "timetz"),
            "object", Set.of("json", "jsonb"));

    private final Connection connection;
    private final String schema;
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<CheckResult> results = new ArrayList<>();

    PostgresContractCheck(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** Every check of the contract, structure first, in the contract's order. */
    List<CheckResult> run(JsonNode contract) {
        for (JsonNode object : contract.path("schema")) {
            String name = object.path("name").asText("");
            String table = object.path("physicalName").asText(name);
            Map<String, Column> columns = columns(table);
            if (columns.isEmpty()) {
                results.add(CheckResult.fail(
                        "schema/" + name,
                        null,
                        "table " + schema + "." + table + " does not exist (or has no columns)"));
                continue;
            }
            results.add(CheckResult.pass("schema/" + name, null, "table " + schema + "." + table + " exists"));
            structure(name, table, object, columns);
            quality(object.path("quality"), name, table, null, null);
            for (JsonNode property : object.path("properties")) {
                String column = property.path("name").asText("");
                String physical = property.path("physicalName").asText(column);
                if (columns.containsKey(physical)) {
                    quality(property.path("quality"), name, table, column, physical);
                    ranges(property.path("logicalTypeOptions"), name, table, column, physical);
                }
            }
        }
        return results;
    }

    /** One column as the database has it. */
    private record Column(String udt, Integer length, Integer precision, Integer scale, boolean nullable) {}

    private Map<String, Column> columns(String table) {
        Map<String, Column> columns = new LinkedHashMap<>();
        String sql = "select column_name, udt_name, character_maximum_length, numeric_precision, numeric_scale,"
                + " is_nullable from information_schema.columns where table_schema = ? and table_name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(
                            rows.getString(1),
                            new Column(
                                    rows.getString(2),
                                    (Integer) rows.getObject(3),
                                    (Integer) rows.getObject(4),
                                    (Integer) rows.getObject(5),
                                    rows.getString(6).equals("YES")));
                }
            }
        } catch (SQLException e) {
            results.add(CheckResult.error("schema/" + table, "cannot read the table's columns: " + e.getMessage()));
        }
        return columns;
    }

    private void structure(String name, String table, JsonNode object, Map<String, Column> columns) {
        List<String> declaredKey = new ArrayList<>();
        for (JsonNode property : object.path("properties")) {
            String column = property.path("name").asText("");
            String physical = property.path("physicalName").asText(column);
            String check = "schema/" + name + "/" + column;
            if (property.path("primaryKey").asBoolean(false)) {
                declaredKey.add(physical);
            }
            Column found = columns.get(physical);
            if (found == null) {
                results.add(CheckResult.fail(check, null, "column " + physical + " is missing"));
                continue;
            }
            List<String> problems = new ArrayList<>();
            String typeProblem = typeProblem(property, found);
            if (typeProblem != null) {
                problems.add(typeProblem);
            }
            if ((property.path("required").asBoolean(false)
                            || property.path("primaryKey").asBoolean(false))
                    && found.nullable()) {
                problems.add("required, but the column allows NULL");
            }
            results.add(
                    problems.isEmpty()
                            ? CheckResult.pass(check, null, "column " + physical + " " + found.udt())
                            : CheckResult.fail(check, null, String.join("; ", problems)));
        }
        if (!declaredKey.isEmpty()) {
            List<String> actual = primaryKey(table);
            boolean same = actual.size() == declaredKey.size() && actual.containsAll(declaredKey);
            String detail = "declared " + declaredKey + ", table has " + (actual.isEmpty() ? "none" : actual);
            results.add(
                    same
                            ? CheckResult.pass("schema/" + name + "/primaryKey", null, detail)
                            : CheckResult.fail("schema/" + name + "/primaryKey", null, detail));
        }
    }

    private static String typeProblem(JsonNode property, Column found) {
        String physicalType = property.path("physicalType").asText("").trim().toLowerCase(Locale.ROOT);
        if (!physicalType.isEmpty()) {
            String base = physicalType.replaceAll("\\s*\\(.*$", "").trim();
            String expected = PHYSICAL_ALIASES.getOrDefault(base, base);
            if (!expected.equals(found.udt())) {
                return "type: expected " + physicalType + ", found " + found.udt();
            }
            List<Integer> sizes = sizes(physicalType);
            if (expected.equals("varchar") || expected.equals("bpchar")) {
                if (!sizes.isEmpty() && !sizes.getFirst().equals(found.length())) {
                    return "type: expected " + physicalType + ", found " + found.udt() + "(" + found.length() + ")";
                }
            } else if (expected.equals("numeric") && !sizes.isEmpty()) {
                boolean precision = sizes.getFirst().equals(found.precision());
                boolean scale = sizes.size() < 2 || sizes.get(1).equals(found.scale());
                if (!precision || !scale) {
                    return "type: expected " + physicalType + ", found numeric(" + found.precision() + ","
                            + found.scale() + ")";
                }
            }
            return null;
        }
        String logical = property.path("logicalType").asText("").toLowerCase(Locale.ROOT);
        if (logical.isEmpty()) {
            return null;
        }
        if (logical.equals("array")) {
            return found.udt().startsWith("_") || found.udt().startsWith("json")
                    ? null
                    : "type: logicalType array needs an array or json column, found " + found.udt();
        }
        Set<String> allowed = LOGICAL_TYPES.get(logical);
        return allowed == null || allowed.contains(found.udt())
                ? null
                : "type: logicalType " + logical + " does not fit a " + found.udt() + " column";
    }

    private static List<Integer> sizes(String type) {
        int open = type.indexOf('(');
        int close = type.indexOf(')');
        List<Integer> sizes = new ArrayList<>();
        if (open < 0 || close < open) {
            return sizes;
        }
        for (String part : type.substring(open + 1, close).split(",")) {
            try {
                sizes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return sizes;
    }

    private List<String> primaryKey(String table) {
        String sql = "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                + " and a.attnum = any(i.indkey) where i.indisprimary and i.indrelid = (quote_ident(?) || '.' ||"
                + " quote_ident(?))::regclass";
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return key;
    }

    private void quality(JsonNode rules, String object, String table, String column, String physical) {
        for (JsonNode rule : rules) {
            if (!rule.isObject()) {
                continue;
            }
            String type = rule.path("type").asText("library").toLowerCase(Locale.ROOT);
            String metric = type.equals("library")
                    ? rule.path("metric").asText(rule.path("rule").asText(null))
                    : null;
            String kind = metric != null ? metric : type;
            String key = rule.hasNonNull("id")
                    ? rule.get("id").asText()
                    : rule.hasNonNull("name") ? rule.get("name").asText() : "#" + next(object, column, kind);
            String check =
                    String.join("/", escape(object), column == null ? "*" : escape(column), escape(kind), escape(key));
            results.add(decide(check, rule, type, metric, table, physical));
        }
    }

    private CheckResult decide(String check, JsonNode rule, String type, String metric, String table, String column) {
        Threshold threshold = Threshold.of(rule);
        String unusable = threshold.problem();
        if (unusable != null) {
            return CheckResult.error(check, unusable);
        }
        String from = quote(schema) + "." + quote(table);
        String sql;
        if (type.equals("sql")) {
            String query = rule.path("query").asText("");
            if (query.isBlank()) {
                return CheckResult.error(check, "a sql rule needs a query");
            }
            sql = query.replace("${object}", from)
                    .replace("{object}", from)
                    .replace("{model}", from)
                    .replace("{table}", from);
            if (column != null) {
                sql = sql.replace("${property}", quote(column))
                        .replace("{property}", quote(column))
                        .replace("{column}", quote(column));
            }
        } else if (!type.equals("library") || metric == null) {
            return CheckResult.error(check, "rules of type " + type + " are not run by tessera test");
        } else {
            String col = column == null ? null : quote(column);
            JsonNode arguments = rule.path("arguments");
            sql = switch (metric) {
                case "rowCount" -> "select count(*) from " + from;
                case "nullValues" -> col == null ? null : "select count(*) from " + from + " where " + col + " is null";
                case "missingValues" -> col == null ? null : missing(from, col, arguments.path("missingValues"));
                case "duplicateValues" -> duplicates(from, col, arguments.path("properties"));
                case "invalidValues" -> col == null ? null : invalid(from, col, arguments);
                default -> null;
            };
            if (sql == null) {
                return CheckResult.error(
                        check,
                        "metric " + metric + " cannot be measured here"
                                + (column == null ? " (at the object level)" : ""));
            }
        }
        BigDecimal value;
        try {
            value = number(sql);
            if (value == null) {
                return CheckResult.error(check, "the query answered no number");
            }
            if ("percent".equals(rule.path("unit").asText("")) && !"rowCount".equals(metric)) {
                BigDecimal rows = number("select count(*) from " + from);
                value = rows.signum() == 0
                        ? BigDecimal.ZERO
                        : value.multiply(BigDecimal.valueOf(100))
                                .divide(rows, new MathContext(12))
                                .setScale(6, RoundingMode.HALF_UP)
                                .stripTrailingZeros();
            }
        } catch (SQLException e) {
            return CheckResult.error(
                    check,
                    "the query failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        String label = (metric != null ? metric : type) + " " + threshold.describe();
        return threshold.holds(value)
                ? CheckResult.pass(check, value, label + ": observed " + value.toPlainString())
                : CheckResult.fail(check, value, label + ": observed " + value.toPlainString());
    }

    private void ranges(JsonNode options, String object, String table, String column, String physical) {
        if (!options.isObject()) {
            return;
        }
        for (String option : List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")) {
            BigDecimal bound = Threshold.number(options.get(option));
            if (bound == null) {
                continue;
            }
            String check = String.join("/", escape(object), escape(column), "range", option);
            boolean lower = option.endsWith("inimum");
            String figure = lower ? "min" : "max";
            try {
                BigDecimal value = number(
                        "select " + figure + "(" + quote(physical) + ") from " + quote(schema) + "." + quote(table));
                if (value == null) {
                    results.add(CheckResult.pass(check, null, option + " " + bound + ": no values"));
                    continue;
                }
                boolean holds = new Threshold(Threshold.RANGE_OPERATORS.get(option), List.of(bound)).holds(value);
                String detail = option + " " + bound.toPlainString() + ": " + figure + " " + value.toPlainString();
                results.add(holds ? CheckResult.pass(check, value, detail) : CheckResult.fail(check, value, detail));
            } catch (SQLException e) {
                results.add(CheckResult.error(check, "the query failed: " + e.getMessage()));
            }
        }
    }

    private static String missing(String from, String col, JsonNode listed) {
        List<String> values = new ArrayList<>();
        listed.forEach(v -> {
            if (!v.isNull()) {
                values.add(literal(v.asText()));
            }
        });
        return "select count(*) from " + from + " where " + col + " is null"
                + (values.isEmpty() ? "" : " or " + col + "::text in (" + String.join(", ", values) + ")");
    }

    private static String duplicates(String from, String col, JsonNode properties) {
        List<String> columns = new ArrayList<>();
        if (col != null) {
            columns.add(col);
        } else {
            properties.forEach(p -> columns.add(quote(p.asText())));
        }
        if (columns.isEmpty()) {
            return null;
        }
        String list = String.join(", ", columns);
        String notNull = String.join(
                " and ", columns.stream().map(c -> c + " is not null").toList());
        return "select coalesce(sum(n - 1), 0) from (select count(*) as n from " + from + " where " + notNull
                + " group by " + list + " having count(*) > 1) as duplicated";
    }

    private static String invalid(String from, String col, JsonNode arguments) {
        if (arguments.path("validValues").isArray()) {
            List<String> values = new ArrayList<>();
            arguments.path("validValues").forEach(v -> values.add(literal(v.asText())));
            return "select count(*) from " + from + " where " + col + " is not null and " + col + "::text not in ("
                    + String.join(", ", values) + ")";
        }
        if (arguments.path("pattern").isTextual()) {
            return "select count(*) from " + from + " where " + col + " is not null and " + col + "::text !~ "
                    + literal(arguments.path("pattern").asText());
        }
        return null;
    }

    private BigDecimal number(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                return null;
            }
            Object value = rows.getObject(1);
            if (value == null) {
                return null;
            }
            return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
        }
    }

    private int next(String object, String column, String kind) {
        return positions.merge(object + "\u0000" + column + "\u0000" + kind, 1, Integer::sum);
    }

    private static String escape(String segment) {
        return segment.replace("%", "%25").replace("/", "%2F");
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

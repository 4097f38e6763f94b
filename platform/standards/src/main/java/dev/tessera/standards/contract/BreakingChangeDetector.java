package dev.tessera.standards.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.contract.Matching.Match;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the changes between a published data product descriptor (ODPS v1.0.0) and a draft of its next version, and
 * tells which of them can break existing consumers. Each output port may carry an inline ODCS v3.1.0 data contract
 * under {@code contract}; the contracts are where most rules apply.
 *
 * <h2>What "breaking" means here</h2>
 *
 * A Tessera contract is the producer's promise to its consumers. A change is breaking when a consumer that relied on
 * the published promise can fail: something it reads disappears or changes type, it may now receive values it was
 * promised it would not get (a required field becoming optional means nulls), or data and validators built on the
 * published contract stop conforming (a field becoming required, a constraint tightened). Widening a type or
 * relaxing a constraint keeps every published value valid and is reported as non-breaking; consumers that copy
 * values into storage sized exactly to the old contract should still read the non-breaking findings.
 *
 * <h2>Rules</h2>
 *
 * <table>
 *   <caption>Rule ids, their severity and when they fire</caption>
 *   <tr><th>Rule</th><th>Severity</th><th>When</th></tr>
 *   <tr><td>{@code port-removed}</td><td>breaking</td><td>an output port (by name) is gone</td></tr>
 *   <tr><td>{@code port-added}</td><td>non-breaking</td><td>a new output port</td></tr>
 *   <tr><td>{@code port-version-changed}</td><td>non-breaking</td><td>a port's {@code version} changed (informational)</td></tr>
 *   <tr><td>{@code contract-removed}</td><td>breaking</td><td>a port had an inline contract and now has none</td></tr>
 *   <tr><td>{@code contract-added}</td><td>non-breaking</td><td>a port gained an inline contract</td></tr>
 *   <tr><td>{@code server-changed}</td><td>breaking</td><td>a server (by {@code server} name, else index) is gone or a
 *       connection field (any scalar field except {@code id}, {@code description}, {@code environment}) changed,
 *       appeared or disappeared</td></tr>
 *   <tr><td>{@code server-added}</td><td>non-breaking</td><td>a new server</td></tr>
 *   <tr><td>{@code object-removed} / {@code object-added}</td><td>breaking / non-breaking</td><td>a schema object (by
 *       name) is gone / new</td></tr>
 *   <tr><td>{@code physical-name-changed}</td><td>breaking</td><td>an object's or property's {@code physicalName}
 *       changed: queries by the old table or column name fail</td></tr>
 *   <tr><td>{@code property-removed}</td><td>breaking</td><td>a property (by name) is gone, at any depth</td></tr>
 *   <tr><td>{@code property-added}</td><td>non-breaking</td><td>a new optional property</td></tr>
 *   <tr><td>{@code required-property-added}</td><td>breaking</td><td>a new property with {@code required: true}:
 *       published data lacks it, so validators and writers using the contract reject it</td></tr>
 *   <tr><td>{@code type-widened}</td><td>non-breaking</td><td>logical {@code integer→number} or {@code
 *       date→timestamp}; physical {@code varchar(n)→varchar(m>n)} or to an unbounded string type, integer to a larger
 *       integer ({@code tinyint<smallint<int<bigint}), to a float that holds it exactly or to a decimal with enough
 *       integer digits, {@code real→double}, {@code decimal(p,s)→decimal(q>p,s)} or unbounded decimal</td></tr>
 *   <tr><td>{@code type-narrowed}</td><td>breaking</td><td>the reverse of a widening</td></tr>
 *   <tr><td>{@code type-changed}</td><td>breaking</td><td>any other logical or physical type change (including a
 *       decimal's scale), or a type that is no longer declared</td></tr>
 *   <tr><td>{@code type-declared}</td><td>non-breaking</td><td>a type is declared where there was none</td></tr>
 *   <tr><td>{@code optional-to-required}</td><td>breaking</td><td>{@code required} false/absent → true: published
 *       data with nulls no longer conforms</td></tr>
 *   <tr><td>{@code required-to-optional}</td><td>breaking</td><td>{@code required} true → false/absent: consumers
 *       promised a value may now get nulls</td></tr>
 *   <tr><td>{@code primary-key-changed}</td><td>breaking</td><td>an object's primary key columns (ordered by {@code
 *       primaryKeyPosition}) differ, including a key being added or dropped</td></tr>
 *   <tr><td>{@code constraint-tightened}</td><td>breaking</td><td>in {@code logicalTypeOptions}: an upper bound
 *       ({@code maxLength}, {@code maximum}, {@code exclusiveMaximum}, {@code maxItems}, {@code maxProperties})
 *       lowered or added, a lower bound ({@code min...}) raised or added, a {@code pattern} added or changed, a {@code
 *       format} added or changed (except a wider numeric width such as {@code i32→i64}), {@code multipleOf} added or
 *       changed to a step the old one is not a multiple of, {@code enum} values removed or an enum added, object
 *       {@code required} keys added, {@code uniqueItems} or the property's {@code unique} false → true</td></tr>
 *   <tr><td>{@code constraint-relaxed}</td><td>non-breaking</td><td>the reverse of a tightening</td></tr>
 *   <tr><td>{@code sla-weakened}</td><td>breaking</td><td>an SLA property removed, or made worse (see {@link
 *       SlaRules}) with the same unit</td></tr>
 *   <tr><td>{@code sla-changed}</td><td>non-breaking</td><td>any other SLA change, including a unit change that
 *       prevents comparing values</td></tr>
 * </table>
 *
 * <p>Properties are compared recursively through the nested {@code properties} of objects and the {@code items} of
 * arrays; an array's {@code items} disappearing is a {@code type-changed}. Descriptions, tags, quality rules,
 * classification, partitioning, {@code contractId}, object-level {@code physicalType} (table, view, topic) and all
 * other fields are not compared. Elements are matched by name, so reordering arrays is never a change.
 *
 * <p>The detector is stateless and thread-safe.
 */
public final class BreakingChangeDetector {

    /** Server fields that describe rather than locate the data; everything else is treated as connection detail. */
    private static final Set<String> SERVER_LABEL_FIELDS = Set.of("server", "id", "description", "environment");

    /**
     * Findings of {@code draft} against {@code published}, both full product descriptors. Never throws on odd input:
     * missing or ill-typed fields are treated as absent, and a {@code null} descriptor as one without ports.
     *
     * @return the findings ordered by path, then rule, then message; empty when nothing relevant changed
     */
    public List<Finding> compare(JsonNode published, JsonNode draft) {
        Findings out = new Findings();
        for (Match port : Matching.match(
                Json.objects(published, "outputPorts"),
                Json.objects(draft, "outputPorts"),
                node -> Json.name(node, "name"),
                node -> Json.name(node, "version"))) {
            comparePort("outputPorts[" + port.label() + "]", port, out);
        }
        return out.sorted();
    }

    /** True if any finding is {@link Severity#BREAKING}. */
    public static boolean hasBreaking(List<Finding> findings) {
        return findings != null
                && findings.stream().filter(Objects::nonNull).anyMatch(f -> f.severity() == Severity.BREAKING);
    }

    private static void comparePort(String path, Match port, Findings out) {
        if (port.after() == null) {
            out.breaking(
                    ChangeRules.PORT_REMOVED,
                    path,
                    "Output port %s was removed; its consumers lose their data.".formatted(port.label()));
            return;
        }
        if (port.before() == null) {
            out.nonBreaking(ChangeRules.PORT_ADDED, path, "Output port %s was added.".formatted(port.label()));
            return;
        }
        String oldVersion = Json.scalar(port.before(), "version");
        String newVersion = Json.scalar(port.after(), "version");
        if (!Objects.equals(oldVersion, newVersion)) {
            out.nonBreaking(
                    ChangeRules.PORT_VERSION_CHANGED,
                    path + ".version",
                    "Port version changed from %s to %s.".formatted(oldVersion, newVersion));
        }
        JsonNode oldContract = Json.object(port.before(), "contract");
        JsonNode newContract = Json.object(port.after(), "contract");
        String contractPath = path + ".contract";
        if (oldContract != null && newContract == null) {
            out.breaking(
                    ChangeRules.CONTRACT_REMOVED,
                    contractPath,
                    "The port no longer carries a data contract; consumers lose every guarantee it made.");
        } else if (oldContract == null && newContract != null) {
            out.nonBreaking(ChangeRules.CONTRACT_ADDED, contractPath, "The port now carries a data contract.");
        } else if (oldContract != null) {
            compareContract(contractPath, oldContract, newContract, out);
        }
    }

    private static void compareContract(String path, JsonNode before, JsonNode after, Findings out) {
        compareServers(path, before, after, out);
        for (Match object : Matching.match(
                Json.objects(before, "schema"), Json.objects(after, "schema"), node -> Json.name(node, "name"))) {
            compareObject(path + ".schema[" + object.label() + "]", object, out);
        }
        SlaRules.compare(path, before, after, out);
    }

    private static void compareServers(String contractPath, JsonNode before, JsonNode after, Findings out) {
        for (Match server : Matching.match(
                Json.objects(before, "servers"), Json.objects(after, "servers"), node -> Json.name(node, "server"))) {
            String path = contractPath + ".servers[" + server.label() + "]";
            if (server.after() == null) {
                out.breaking(
                        ChangeRules.SERVER_CHANGED,
                        path,
                        "Server %s was removed; consumers connecting to it will fail.".formatted(server.label()));
            } else if (server.before() == null) {
                out.nonBreaking(ChangeRules.SERVER_ADDED, path, "Server %s was added.".formatted(server.label()));
            } else {
                compareServerFields(path, server.before(), server.after(), out);
            }
        }
    }

    private static void compareServerFields(String path, JsonNode before, JsonNode after, Findings out) {
        Set<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(SERVER_LABEL_FIELDS);
        for (String field : fields) {
            // Values compared as text: a port written as 5432 in one version and "5432" in the next is the same.
            String oldValue = Json.scalar(before, field);
            String newValue = Json.scalar(after, field);
            if (!Objects.equals(oldValue, newValue)) {
                out.breaking(
                        ChangeRules.SERVER_CHANGED,
                        path + "." + field,
                        "Server %s changed from %s to %s; consumers connecting with the published settings will fail."
                                .formatted(field, orAbsent(oldValue), orAbsent(newValue)));
            }
        }
    }

    private static void compareObject(String path, Match object, Findings out) {
        if (object.after() == null) {
            out.breaking(
                    ChangeRules.OBJECT_REMOVED,
                    path,
                    "Schema object %s was removed; consumers reading it will fail.".formatted(object.label()));
            return;
        }
        if (object.before() == null) {
            out.nonBreaking(ChangeRules.OBJECT_ADDED, path, "Schema object %s was added.".formatted(object.label()));
            return;
        }
        comparePhysicalName(path, object.before(), object.after(), out);
        List<String> oldKey = primaryKey(object.before());
        List<String> newKey = primaryKey(object.after());
        if (!oldKey.equals(newKey)) {
            out.breaking(
                    ChangeRules.PRIMARY_KEY_CHANGED,
                    path,
                    "Primary key changed from %s to %s; consumers joining, deduplicating or upserting by the key will misbehave."
                            .formatted(oldKey, newKey));
        }
        compareProperties(path, object.before(), object.after(), out);
    }

    private static void compareProperties(String ownerPath, JsonNode before, JsonNode after, Findings out) {
        for (Match property : Matching.match(
                Json.objects(before, "properties"),
                Json.objects(after, "properties"),
                node -> Json.name(node, "name"))) {
            String path = ownerPath + ".properties[" + property.label() + "]";
            if (property.after() == null) {
                out.breaking(
                        ChangeRules.PROPERTY_REMOVED,
                        path,
                        "Property %s was removed; consumers reading it will fail.".formatted(property.label()));
            } else if (property.before() == null) {
                if (Json.flag(property.after(), "required")) {
                    out.breaking(
                            ChangeRules.REQUIRED_PROPERTY_ADDED,
                            path,
                            "Property %s was added as required; data published under the current contract lacks it, so consumers validating or writing records against the contract will reject them. Add it as optional first."
                                    .formatted(property.label()));
                } else {
                    out.nonBreaking(
                            ChangeRules.PROPERTY_ADDED,
                            path,
                            "Optional property %s was added.".formatted(property.label()));
                }
            } else {
                compareProperty(path, property.before(), property.after(), out);
            }
        }
    }

    private static void compareProperty(String path, JsonNode before, JsonNode after, Findings out) {
        comparePhysicalName(path, before, after, out);
        boolean wasRequired = Json.flag(before, "required");
        boolean isRequired = Json.flag(after, "required");
        if (!wasRequired && isRequired) {
            out.breaking(
                    ChangeRules.OPTIONAL_TO_REQUIRED,
                    path + ".required",
                    "The property became required; published records with nulls no longer conform, so consumers validating against the contract will reject them.");
        } else if (wasRequired && !isRequired) {
            out.breaking(
                    ChangeRules.REQUIRED_TO_OPTIONAL,
                    path + ".required",
                    "The property became optional; consumers that were promised a value may now receive nulls.");
        }
        compareElement(path, before, after, out);
    }

    /** The rules shared by properties and array items: types, constraints and nested structure. */
    private static void compareElement(String path, JsonNode before, JsonNode after, Findings out) {
        TypeRules.compare(path, before, after, out);
        ConstraintRules.compare(path, before, after, out);
        compareProperties(path, before, after, out);
        JsonNode oldItems = Json.object(before, "items");
        JsonNode newItems = Json.object(after, "items");
        String itemsPath = path + ".items";
        if (oldItems != null && newItems != null) {
            compareElement(itemsPath, oldItems, newItems, out);
        } else if (oldItems != null) {
            out.breaking(
                    ChangeRules.TYPE_CHANGED,
                    itemsPath,
                    "The array no longer declares its items; consumers lose the guarantee about their shape.");
        } else if (newItems != null) {
            out.nonBreaking(ChangeRules.TYPE_DECLARED, itemsPath, "The array now declares its items.");
        }
    }

    /** Only a rename is reported: a physical name appearing or disappearing usually just spells out the default. */
    private static void comparePhysicalName(String path, JsonNode before, JsonNode after, Findings out) {
        String oldName = Json.name(before, "physicalName");
        String newName = Json.name(after, "physicalName");
        if (oldName != null && newName != null && !oldName.equals(newName)) {
            out.breaking(
                    ChangeRules.PHYSICAL_NAME_CHANGED,
                    path + ".physicalName",
                    "Physical name changed from %s to %s; queries using the published name will fail."
                            .formatted(oldName, newName));
        }
    }

    /**
     * The primary key columns of an object in key order. Properties flagged {@code primaryKey} without a positive
     * {@code primaryKeyPosition} (ODCS defaults it to -1) follow the positioned ones in declaration order.
     */
    private static List<String> primaryKey(JsonNode object) {
        record KeyPart(String name, int position, int declared) {}
        List<KeyPart> parts = new ArrayList<>();
        for (Json.Indexed property : Json.objects(object, "properties")) {
            if (Json.flag(property.node(), "primaryKey")) {
                JsonNode position = Json.field(property.node(), "primaryKeyPosition");
                int order = position != null && position.canConvertToInt() && position.intValue() > 0
                        ? position.intValue()
                        : Integer.MAX_VALUE;
                String name = Json.name(property.node(), "name");
                parts.add(new KeyPart(name == null ? "#" + property.index() : name, order, property.index()));
            }
        }
        return parts.stream()
                .sorted(Comparator.comparingInt(KeyPart::position).thenComparingInt(KeyPart::declared))
                .map(KeyPart::name)
                .toList();
    }

    private static String orAbsent(String value) {
        return value == null ? "(absent)" : value;
    }
}

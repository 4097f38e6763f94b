package dev.tessera.standards.contract;

import static dev.tessera.standards.contract.Descriptors.CONTRACT;
import static dev.tessera.standards.contract.Descriptors.ORDERS;
import static dev.tessera.standards.contract.Descriptors.PORT;
import static dev.tessera.standards.contract.Descriptors.contract;
import static dev.tessera.standards.contract.Descriptors.port;
import static dev.tessera.standards.contract.Descriptors.product;
import static dev.tessera.standards.contract.Descriptors.productWithContract;
import static dev.tessera.standards.contract.Descriptors.productWithProperties;
import static dev.tessera.standards.contract.Descriptors.property;
import static dev.tessera.standards.contract.Descriptors.yaml;
import static dev.tessera.standards.contract.Severity.BREAKING;
import static dev.tessera.standards.contract.Severity.NON_BREAKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BreakingChangeDetectorTest {

    private static final String ORDERS_CONTRACT = """
            servers: [{server: prod, type: postgres, host: db, port: 5432, database: shop, schema: public}]
            schema:
              - name: orders
                logicalType: object
                physicalType: table
                properties:
                  - {name: order_id, logicalType: string, physicalType: varchar(36), primaryKey: true, primaryKeyPosition: 1, required: true}
                  - {name: amount, logicalType: number, physicalType: 'decimal(10,2)'}
                  - name: lines
                    logicalType: array
                    items:
                      logicalType: object
                      properties:
                        - {name: sku, logicalType: string, required: true}
            slaProperties:
              - {property: latency, value: 4, unit: h}
            """;

    private final BreakingChangeDetector detector = new BreakingChangeDetector();

    private AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertFindings(
            JsonNode published, JsonNode draft) {
        List<Finding> findings = detector.compare(published, draft);
        return assertThat(findings).extracting(Finding::severity, Finding::rule, Finding::path);
    }

    @Nested
    class Basics {

        @Test
        void identicalDescriptorsHaveNoFindings() {
            assertThat(detector.compare(productWithContract(ORDERS_CONTRACT), productWithContract(ORDERS_CONTRACT)))
                    .isEmpty();
        }

        @Test
        void reorderedArraysAreNotAChange() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            var properties = (ArrayNode) contract(draft).get("schema").get(0).get("properties");
            properties.insert(0, properties.remove(2));

            assertThat(detector.compare(productWithContract(ORDERS_CONTRACT), draft))
                    .isEmpty();
        }

        @Test
        void portsWithoutContractOnBothSidesHaveNoFindings() {
            assertThat(detector.compare(product(), product())).isEmpty();
        }

        @Test
        void descriptionAndTagChangesAreIgnored() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            draft.put("description", "new words");
            port(draft).putArray("tags").add("x");
            ((ObjectNode) contract(draft).get("schema").get(0).get("properties").get(0))
                    .put("description", "the id")
                    .put("classification", "restricted");

            assertThat(detector.compare(productWithContract(ORDERS_CONTRACT), draft))
                    .isEmpty();
        }

        @Test
        void findingsAreOrderedByPath() {
            JsonNode published = productWithProperties(
                    "{name: b, logicalType: string}", "{name: a, logicalType: string, required: true}");
            JsonNode draft = productWithProperties("{name: a, logicalType: integer}");

            assertFindings(published, draft)
                    .containsExactly(
                            tuple(BREAKING, "type-changed", property("a") + ".logicalType"),
                            tuple(BREAKING, "required-to-optional", property("a") + ".required"),
                            tuple(BREAKING, "property-removed", property("b")));
        }

        @Test
        void everyFindingExplainsItself() {
            List<Finding> findings =
                    detector.compare(productWithContract(ORDERS_CONTRACT), productWithContract("schema: []"));

            assertThat(findings).isNotEmpty().allSatisfy(finding -> assertThat(finding.message())
                    .isNotBlank());
        }

        @Test
        void hasBreakingIsTrueOnlyWhenSomeFindingIsBreaking() {
            Finding safe = new Finding(NON_BREAKING, "port-added", PORT, "added");
            Finding unsafe = new Finding(BREAKING, "port-removed", PORT, "removed");

            assertThat(BreakingChangeDetector.hasBreaking(List.of())).isFalse();
            assertThat(BreakingChangeDetector.hasBreaking(List.of(safe))).isFalse();
            assertThat(BreakingChangeDetector.hasBreaking(List.of(safe, unsafe)))
                    .isTrue();
        }
    }

    @Nested
    class OddInput {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "schema: not-a-list",
                    "schema: [42, 'x', null]",
                    "schema: [{name: orders, properties: {name: x}}]",
                    "schema: [{name: orders, properties: [{name: [1], logicalType: {a: b}, required: 'yes'}]}]",
                    "servers: {server: prod}",
                    "slaProperties: 'fast'",
                    "slaProperties: [{value: {a: 1}}]",
                    "schema: [{name: orders, properties: [{name: x, logicalTypeOptions: [1, 2], items: 'x'}]}]"
                })
        void illTypedContractContentDoesNotThrow(String contract) {
            JsonNode garbage = productWithContract(contract);

            assertThatNoException().isThrownBy(() -> detector.compare(productWithContract(ORDERS_CONTRACT), garbage));
            assertThatNoException().isThrownBy(() -> detector.compare(garbage, productWithContract(ORDERS_CONTRACT)));
            assertThat(detector.compare(garbage, garbage)).isEmpty();
        }

        @Test
        void illTypedDescriptorsAreTreatedAsHavingNoPorts() {
            JsonNodeFactory json = JsonNodeFactory.instance;
            JsonNode[] odd = {
                null,
                json.nullNode(),
                json.textNode("x"),
                json.arrayNode(),
                yaml("outputPorts: 3"),
                yaml("outputPorts: [1]")
            };

            for (JsonNode published : odd) {
                for (JsonNode draft : odd) {
                    assertThat(detector.compare(published, draft)).isEmpty();
                }
            }
            assertFindings(product(), null).containsExactly(tuple(BREAKING, "port-removed", PORT));
        }

        @Test
        void contractThatIsNotAnObjectCountsAsMissing() {
            ObjectNode published = product();
            port(published).put("contract", "see wiki");

            assertThat(detector.compare(published, product())).isEmpty();
            assertFindings(published, productWithContract(ORDERS_CONTRACT))
                    .containsExactly(tuple(NON_BREAKING, "contract-added", CONTRACT));
        }
    }

    @Nested
    class Ports {

        @Test
        void removedPortIsBreaking() {
            ObjectNode draft = product();
            draft.putArray("outputPorts");

            assertFindings(product(), draft).containsExactly(tuple(BREAKING, "port-removed", PORT));
        }

        @Test
        void addedPortIsNotBreaking() {
            ObjectNode draft = product();
            ((ArrayNode) draft.get("outputPorts")).add(yaml("{name: orders-topic, version: 1.0.0, type: topics}"));

            assertFindings(product(), draft)
                    .containsExactly(tuple(NON_BREAKING, "port-added", "outputPorts[orders-topic]"));
        }

        @Test
        void changedPortVersionIsInformational() {
            ObjectNode draft = product();
            port(draft).put("version", "2.0.0");

            assertFindings(product(), draft)
                    .containsExactly(tuple(NON_BREAKING, "port-version-changed", PORT + ".version"));
        }

        @Test
        void portsSharingANameAreMatchedByVersion() {
            JsonNode published = yaml("""
                    outputPorts:
                      - {name: raw, version: 1.0.0}
                      - {name: raw, version: 2.0.0}
                    """);
            JsonNode draft = yaml("""
                    outputPorts:
                      - {name: raw, version: 2.0.0}
                    """);

            assertFindings(published, draft).containsExactly(tuple(BREAKING, "port-removed", "outputPorts[raw@1.0.0]"));
        }

        @Test
        void portVersionsRunningSideBySideAreSeparatePorts() {
            JsonNode published = yaml("""
                    outputPorts:
                      - {name: raw, version: 1.0.0}
                      - {name: raw, version: 2.0.0}
                    """);
            JsonNode draft = yaml("""
                    outputPorts:
                      - {name: raw, version: 3.0.0}
                      - {name: raw, version: 2.0.0}
                    """);

            assertFindings(published, draft)
                    .containsExactly(
                            tuple(BREAKING, "port-removed", "outputPorts[raw@1.0.0]"),
                            tuple(NON_BREAKING, "port-added", "outputPorts[raw@3.0.0]"));
        }

        @Test
        void removedContractIsBreaking() {
            assertFindings(productWithContract(ORDERS_CONTRACT), product())
                    .containsExactly(tuple(BREAKING, "contract-removed", CONTRACT));
        }

        @Test
        void addedContractIsNotBreaking() {
            assertFindings(product(), productWithContract(ORDERS_CONTRACT))
                    .containsExactly(tuple(NON_BREAKING, "contract-added", CONTRACT));
        }
    }

    @Nested
    class Servers {

        private static final String PROD = CONTRACT + ".servers[prod]";

        @Test
        void removedServerIsBreaking() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            contract(draft).putArray("servers");

            assertFindings(productWithContract(ORDERS_CONTRACT), draft)
                    .containsExactly(tuple(BREAKING, "server-changed", PROD));
        }

        @Test
        void changedConnectionFieldIsBreaking() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            ((ObjectNode) contract(draft).get("servers").get(0))
                    .put("host", "db2")
                    .put("schema", "sales");

            assertFindings(productWithContract(ORDERS_CONTRACT), draft)
                    .containsExactly(
                            tuple(BREAKING, "server-changed", PROD + ".host"),
                            tuple(BREAKING, "server-changed", PROD + ".schema"));
        }

        @Test
        void addedConnectionFieldIsBreaking() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            ((ObjectNode) contract(draft).get("servers").get(0)).put("catalog", "main");

            assertFindings(productWithContract(ORDERS_CONTRACT), draft)
                    .containsExactly(tuple(BREAKING, "server-changed", PROD + ".catalog"));
        }

        @Test
        void portWrittenAsStringIsTheSamePort() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            ((ObjectNode) contract(draft).get("servers").get(0)).put("port", "5432");

            assertThat(detector.compare(productWithContract(ORDERS_CONTRACT), draft))
                    .isEmpty();
        }

        @Test
        void descriptiveServerFieldsAreIgnored() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            ((ObjectNode) contract(draft).get("servers").get(0))
                    .put("description", "primary")
                    .put("environment", "production")
                    .putArray("roles")
                    .add(yaml("{role: reader}"));

            assertThat(detector.compare(productWithContract(ORDERS_CONTRACT), draft))
                    .isEmpty();
        }

        @Test
        void addedServerIsNotBreaking() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            ((ArrayNode) contract(draft).get("servers")).add(yaml("{server: replica, type: postgres, host: db-ro}"));

            assertFindings(productWithContract(ORDERS_CONTRACT), draft)
                    .containsExactly(tuple(NON_BREAKING, "server-added", CONTRACT + ".servers[replica]"));
        }

        @Test
        void unnamedServersAreMatchedByIndex() {
            JsonNode published = productWithContract("servers: [{type: s3, location: 's3://a'}]");
            JsonNode draft = productWithContract("servers: [{type: s3, location: 's3://b'}]");

            assertFindings(published, draft)
                    .containsExactly(tuple(BREAKING, "server-changed", CONTRACT + ".servers[0].location"));
        }
    }

    @Nested
    class SchemaObjects {

        @Test
        void removedObjectIsBreaking() {
            JsonNode published = productWithContract("schema: [{name: orders}, {name: customers}]");
            JsonNode draft = productWithContract("schema: [{name: customers}]");

            assertFindings(published, draft).containsExactly(tuple(BREAKING, "object-removed", ORDERS));
        }

        @Test
        void addedObjectIsNotBreaking() {
            JsonNode published = productWithContract("schema: [{name: orders}]");
            JsonNode draft = productWithContract("schema: [{name: orders}, {name: customers}]");

            assertFindings(published, draft)
                    .containsExactly(tuple(NON_BREAKING, "object-added", CONTRACT + ".schema[customers]"));
        }

        @Test
        void renamedTableIsBreaking() {
            JsonNode published = productWithContract("schema: [{name: orders, physicalName: orders_v1}]");
            JsonNode draft = productWithContract("schema: [{name: orders, physicalName: orders_v2}]");

            assertFindings(published, draft)
                    .containsExactly(tuple(BREAKING, "physical-name-changed", ORDERS + ".physicalName"));
        }

        @Test
        void renamedColumnIsBreaking() {
            assertFindings(
                            productWithProperties("{name: id, physicalName: id_v1}"),
                            productWithProperties("{name: id, physicalName: order_id}"))
                    .containsExactly(tuple(BREAKING, "physical-name-changed", property("id") + ".physicalName"));
        }
    }

    @Nested
    class Properties {

        @Test
        void removedPropertyIsBreaking() {
            assertFindings(productWithProperties("{name: a}", "{name: b}"), productWithProperties("{name: a}"))
                    .containsExactly(tuple(BREAKING, "property-removed", property("b")));
        }

        @Test
        void addedOptionalPropertyIsNotBreaking() {
            assertFindings(productWithProperties("{name: a}"), productWithProperties("{name: a}", "{name: b}"))
                    .containsExactly(tuple(NON_BREAKING, "property-added", property("b")));
        }

        @Test
        void addedRequiredPropertyIsBreaking() {
            List<Finding> findings = detector.compare(
                    productWithProperties("{name: a}"),
                    productWithProperties("{name: a}", "{name: b, required: true}"));

            assertThat(findings)
                    .extracting(Finding::severity, Finding::rule, Finding::path)
                    .containsExactly(tuple(BREAKING, "required-property-added", property("b")));
            assertThat(findings.getFirst().message()).contains("optional first");
        }

        @Test
        void optionalBecomingRequiredIsBreaking() {
            assertFindings(productWithProperties("{name: a}"), productWithProperties("{name: a, required: true}"))
                    .containsExactly(tuple(BREAKING, "optional-to-required", property("a") + ".required"));
        }

        @Test
        void requiredBecomingOptionalIsBreakingBecauseConsumersMayGetNulls() {
            assertFindings(
                            productWithProperties("{name: a, required: true}"),
                            productWithProperties("{name: a, required: false}"))
                    .containsExactly(tuple(BREAKING, "required-to-optional", property("a") + ".required"));
        }

        @Test
        void explicitFalseRequiredEqualsAbsentRequired() {
            assertThat(detector.compare(
                            productWithProperties("{name: a}"), productWithProperties("{name: a, required: false}")))
                    .isEmpty();
        }
    }

    @Nested
    class PrimaryKeys {

        @Test
        void addedKeyColumnIsBreaking() {
            JsonNode published =
                    productWithProperties("{name: id, primaryKey: true, primaryKeyPosition: 1}", "{name: day}");
            JsonNode draft = productWithProperties(
                    "{name: id, primaryKey: true, primaryKeyPosition: 1}",
                    "{name: day, primaryKey: true, primaryKeyPosition: 2}");

            assertFindings(published, draft).containsExactly(tuple(BREAKING, "primary-key-changed", ORDERS));
        }

        @Test
        void reorderedKeyColumnsAreBreaking() {
            JsonNode published = productWithProperties(
                    "{name: a, primaryKey: true, primaryKeyPosition: 1}",
                    "{name: b, primaryKey: true, primaryKeyPosition: 2}");
            JsonNode draft = productWithProperties(
                    "{name: a, primaryKey: true, primaryKeyPosition: 2}",
                    "{name: b, primaryKey: true, primaryKeyPosition: 1}");

            assertFindings(published, draft).containsExactly(tuple(BREAKING, "primary-key-changed", ORDERS));
        }

        @Test
        void sameKeyDeclaredInAnotherOrderIsNotAChange() {
            JsonNode published = productWithProperties(
                    "{name: a, primaryKey: true, primaryKeyPosition: 1}",
                    "{name: b, primaryKey: true, primaryKeyPosition: 2}");
            JsonNode draft = productWithProperties(
                    "{name: b, primaryKey: true, primaryKeyPosition: 2}",
                    "{name: a, primaryKey: true, primaryKeyPosition: 1}");

            assertThat(detector.compare(published, draft)).isEmpty();
        }

        @Test
        void droppedKeyIsBreaking() {
            assertFindings(
                            productWithProperties("{name: id, primaryKey: true}"),
                            productWithProperties("{name: id, primaryKey: false}"))
                    .containsExactly(tuple(BREAKING, "primary-key-changed", ORDERS));
        }
    }

    @Nested
    class NestedStructures {

        private static final String LINES = property("lines");

        @Test
        void removedPropertyInsideArrayItemsIsBreaking() {
            ObjectNode draft = productWithContract(ORDERS_CONTRACT);
            ((ArrayNode) contract(draft).at("/schema/0/properties/2/items/properties")).removeAll();

            assertFindings(productWithContract(ORDERS_CONTRACT), draft)
                    .containsExactly(tuple(BREAKING, "property-removed", LINES + ".items.properties[sku]"));
        }

        @Test
        void changedTypeOfArrayItemsIsBreaking() {
            JsonNode published =
                    productWithProperties("{name: tags, logicalType: array, items: {logicalType: string}}");
            JsonNode draft = productWithProperties("{name: tags, logicalType: array, items: {logicalType: integer}}");

            assertFindings(published, draft)
                    .containsExactly(tuple(BREAKING, "type-changed", property("tags") + ".items.logicalType"));
        }

        @Test
        void droppedItemsDeclarationIsBreaking() {
            JsonNode published =
                    productWithProperties("{name: tags, logicalType: array, items: {logicalType: string}}");
            JsonNode draft = productWithProperties("{name: tags, logicalType: array}");

            assertFindings(published, draft)
                    .containsExactly(tuple(BREAKING, "type-changed", property("tags") + ".items"));
        }

        @Test
        void nestedObjectPropertiesFollowTheSameRules() {
            JsonNode published = productWithProperties("""
                    {name: customer, logicalType: object, properties: [
                      {name: address, logicalType: object, properties: [{name: zip, logicalType: string, physicalType: varchar(5)}]}]}
                    """);
            JsonNode draft = productWithProperties("""
                    {name: customer, logicalType: object, properties: [
                      {name: address, logicalType: object, properties: [
                        {name: zip, logicalType: string, physicalType: varchar(10)},
                        {name: city, logicalType: string, required: true}]}]}
                    """);
            String address = property("customer") + ".properties[address]";

            assertFindings(published, draft)
                    .containsExactly(
                            tuple(BREAKING, "required-property-added", address + ".properties[city]"),
                            tuple(NON_BREAKING, "type-widened", address + ".properties[zip].physicalType"));
        }
    }
}

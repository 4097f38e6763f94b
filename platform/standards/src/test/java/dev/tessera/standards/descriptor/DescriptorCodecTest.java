package dev.tessera.standards.descriptor;

import static dev.tessera.standards.descriptor.Fixtures.CODEC;
import static dev.tessera.standards.descriptor.Fixtures.ORDERS_PORT;
import static dev.tessera.standards.descriptor.Fixtures.PARSER;
import static dev.tessera.standards.descriptor.Fixtures.SCHEMAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.standards.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DescriptorCodecTest {

    /** Valid ODPS plus fields ODPS does not define at the top level, in description, an output port and the team. */
    private static final String ODPS_WITH_UNKNOWN_FIELDS = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: payments
            status: active
            costCentre: CC-17
            lineage: {upstream: [ledger, cards]}
            description:
              purpose: Card payments.
              audience: finance
            team:
              name: payments
              slackHandle: "@payments"
              members:
                - username: zoe
                  pager: "+44 20 0000"
            outputPorts:
              - name: payments
                version: 1.0.0
                sla: {freshness: PT1H}
                customProperties:
                  - property: existing
                    value: kept
            """;

    static Stream<Path> odpsExamples() {
        return Corpus.odpsExamples().stream();
    }

    static Stream<Path> odcsExamples() {
        return Corpus.odcsExamples().stream();
    }

    @Test
    void corpusHasTheOfficialExamples() {
        assertThat(Corpus.odpsExamples()).hasSize(2);
        assertThat(Corpus.odcsExamples()).hasSize(18);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("odpsExamples")
    void odpsExampleRoundTripsLosslesslyAndValidates(Path example) {
        JsonNode original = PARSER.parse(Corpus.read(example), true);

        ObjectNode descriptor = CODEC.importOdps(original);
        ObjectNode exported =
                CODEC.exportOdps(descriptor, original.get("status").asText());

        assertThat(exported).isEqualTo(original);
        assertThat(SCHEMAS.validateOdps(exported)).isEmpty();
        assertThat(CODEC.validateDescriptor(descriptor)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("odcsExamples")
    void odcsExampleRoundTripsThroughADescriptorLosslesslyAndValidates(Path example) {
        JsonNode original = PARSER.parse(Corpus.read(example), true);

        ObjectNode contract = CODEC.importOdcs(original);
        ObjectNode descriptor = CODEC.attachContract(Fixtures.ordersDescriptor(), ORDERS_PORT, contract);
        ObjectNode exported = CODEC.exportOdcs(descriptor, ORDERS_PORT).orElseThrow();

        assertThat(exported).isEqualTo(original);
        assertThat(SCHEMAS.validateOdcs(exported)).isEmpty();
        assertThat(CODEC.validateDescriptor(descriptor)).isEmpty();
    }

    @Test
    void importMovesUnknownOdpsFieldsIntoCustomPropertiesSoTheResultValidates() {
        JsonNode odps = Fixtures.yaml(ODPS_WITH_UNKNOWN_FIELDS);
        assertThat(SCHEMAS.validateOdps(odps)).isNotEmpty();

        ObjectNode descriptor = CODEC.importOdps(odps);

        assertThat(SCHEMAS.validateOdps(descriptor)).isEmpty();
        assertThat(CODEC.validateDescriptor(descriptor)).isEmpty();
        assertThat(descriptor.has("costCentre")).isFalse();
        assertThat(customProperty(descriptor, "costCentre")).isEqualTo(odps.get("costCentre"));
        assertThat(customProperty(descriptor, "lineage")).isEqualTo(odps.get("lineage"));
        assertThat(customProperty(descriptor.get("description"), "audience").asText())
                .isEqualTo("finance");
        assertThat(customProperty(descriptor.get("team"), "slackHandle").asText())
                .isEqualTo("@payments");
        assertThat(customProperty(descriptor.at("/team/members/0"), "pager").asText())
                .isEqualTo("+44 20 0000");
        JsonNode port = descriptor.at("/outputPorts/0");
        assertThat(customProperty(port, "existing").asText()).isEqualTo("kept");
        assertThat(customProperty(port, "sla")).isEqualTo(odps.at("/outputPorts/0/sla"));
        assertThat(port.has("sla")).isFalse();
        assertThat(odps.has("costCentre")).as("input left untouched").isTrue();
    }

    @Test
    void importKeepsKnownFieldsWhereTheyAre() {
        JsonNode odps = Fixtures.yaml(ODPS_WITH_UNKNOWN_FIELDS);

        ObjectNode descriptor = CODEC.importOdps(odps);

        assertThat(descriptor.at("/description/purpose").asText()).isEqualTo("Card payments.");
        assertThat(descriptor.at("/team/members/0/username").asText()).isEqualTo("zoe");
        assertThat(descriptor.at("/outputPorts/0/version").asText()).isEqualTo("1.0.0");
        assertThat(descriptor.path("customProperties")).hasSize(2);
    }

    @Test
    void importOdpsKeepsInlineContractsAndNormalisesThem() {
        ObjectNode withExtra = (ObjectNode) Fixtures.ordersDescriptor();
        ((ObjectNode) withExtra.at("/outputPorts/0/contract")).put("retention", "P7Y");
        ((ObjectNode) withExtra.at("/outputPorts/0/contract/schema/0/properties/0")).put("piiLevel", 2);

        ObjectNode descriptor = CODEC.importOdps(withExtra);

        JsonNode contract = descriptor.at("/outputPorts/0/contract");
        assertThat(customProperty(contract, "retention").asText()).isEqualTo("P7Y");
        assertThat(customProperty(contract.at("/schema/0/properties/0"), "piiLevel")
                        .asInt())
                .isEqualTo(2);
        assertThat(CODEC.validateDescriptor(descriptor)).isEmpty();
    }

    @Test
    void importOdcsMovesFieldsOfAnotherServerTypeButKeepsThoseOfItsOwn() {
        JsonNode odcs = Fixtures.yaml("""
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                servers:
                  - server: prod
                    type: postgresql
                    host: db
                    port: 5432
                    database: shop
                    schema: public
                    topic: not-for-postgres
                """);

        ObjectNode contract = CODEC.importOdcs(odcs);

        JsonNode server = contract.at("/servers/0");
        assertThat(server.get("host").asText()).isEqualTo("db");
        assertThat(customProperty(server, "topic").asText()).isEqualTo("not-for-postgres");
        assertThat(SCHEMAS.validateOdcs(contract)).isEmpty();
    }

    @Test
    void exportOdpsStripsContractsSetsContractIdAndStatus() {
        ObjectNode odps = CODEC.exportOdps(Fixtures.ordersDescriptor(), "active");

        assertThat(odps.at("/outputPorts/0").has(DescriptorCodec.CONTRACT)).isFalse();
        assertThat(odps.at("/outputPorts/0/contractId").asText()).isEqualTo("orders-contract");
        assertThat(odps.at("/outputPorts/1").has("contractId")).isFalse();
        assertThat(odps.get("status").asText()).isEqualTo("active");
        assertThat(SCHEMAS.validateOdps(odps)).isEmpty();
    }

    @Test
    void exportOdpsWithoutStatusKeepsTheDescriptorsStatus() {
        assertThat(CODEC.exportOdps(Fixtures.ordersDescriptor(), null)
                        .get("status")
                        .asText())
                .isEqualTo("draft");
    }

    @Test
    void exportOdcsIsEmptyForUnknownPortsAndPortsWithoutContract() {
        JsonNode descriptor = Fixtures.ordersDescriptor();

        assertThat(CODEC.exportOdcs(descriptor, "orders-events")).isEmpty();
        assertThat(CODEC.exportOdcs(descriptor, "no-such-port")).isEmpty();
        assertThat(CODEC.exportOdcs(descriptor, ORDERS_PORT)).isPresent();
    }

    @Test
    void attachContractSetsContractIdAndRejectsUnknownPorts() {
        JsonNode contract = CODEC.exportOdcs(Fixtures.ordersDescriptor(), ORDERS_PORT)
                .orElseThrow()
                .put("id", "events-contract");

        ObjectNode descriptor = CODEC.attachContract(Fixtures.ordersDescriptor(), "orders-events", contract);

        assertThat(descriptor.at("/outputPorts/1/contractId").asText()).isEqualTo("events-contract");
        assertThat(descriptor.at("/outputPorts/1/contract")).isEqualTo(contract);
        assertThatThrownBy(() -> CODEC.attachContract(descriptor, "nope", contract))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void validDescriptorHasNoViolations() {
        assertThat(CODEC.validateDescriptor(Fixtures.ordersDescriptor())).isEmpty();
    }

    @Test
    void badContractFieldIsReportedWithItsPathInsideTheDescriptor() {
        ObjectNode descriptor = (ObjectNode) Fixtures.ordersDescriptor();
        ((ObjectNode) descriptor.at("/outputPorts/0/contract/schema/0/properties/1")).put("logicalType", 42);

        List<Violation> violations = CODEC.validateDescriptor(descriptor);

        assertThat(violations)
                .extracting(Violation::path)
                .contains("/outputPorts/0/contract/schema/0/properties/1/logicalType");
    }

    @Test
    void missingContractIdIsReportedAtTheMissingMember() {
        ObjectNode descriptor = (ObjectNode) Fixtures.ordersDescriptor();
        ((ObjectNode) descriptor.at("/outputPorts/0/contract")).remove("id");

        List<Violation> violations = CODEC.validateDescriptor(descriptor);

        assertThat(violations).anySatisfy(violation -> {
            assertThat(violation.path()).isEqualTo("/outputPorts/0/contract/id");
            assertThat(violation.message()).contains("id");
        });
    }

    @Test
    void contractThatIsNotAnObjectIsReported() {
        ObjectNode descriptor = (ObjectNode) Fixtures.ordersDescriptor();
        ((ObjectNode) descriptor.at("/outputPorts/0")).put(DescriptorCodec.CONTRACT, "orders-contract");

        assertThat(CODEC.validateDescriptor(descriptor))
                .extracting(Violation::path)
                .containsExactly("/outputPorts/0/contract");
    }

    @Test
    void contractIdThatDiffersFromTheInlineContractIsReported() {
        ObjectNode descriptor = (ObjectNode) Fixtures.ordersDescriptor();
        ((ObjectNode) descriptor.at("/outputPorts/0")).put("contractId", "something-else");

        assertThat(CODEC.validateDescriptor(descriptor))
                .extracting(Violation::path)
                .containsExactly("/outputPorts/0/contractId");
    }

    @Test
    void odpsViolationsKeepTheirDescriptorPaths() {
        ObjectNode descriptor = (ObjectNode) Fixtures.ordersDescriptor();
        ((ObjectNode) descriptor.at("/outputPorts/1")).remove("version");

        assertThat(CODEC.validateDescriptor(descriptor))
                .extracting(Violation::path)
                .containsExactly("/outputPorts/1/version");
    }

    private static JsonNode customProperty(JsonNode owner, String name) {
        for (JsonNode entry : owner.path("customProperties")) {
            if (name.equals(entry.path("property").asText())) {
                return entry.get("value");
            }
        }
        throw new AssertionError("no custom property " + name + " in " + owner);
    }
}

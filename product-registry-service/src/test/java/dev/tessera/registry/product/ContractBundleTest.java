package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Bundles;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.standards.descriptor.DescriptorParser;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contracts by reference: a product and its contracts sent as one bundle, and plain ODPS whose unchanged
 * {@code contractId}s keep the contracts their ports carry. Every case is checked as one descriptor would be.
 */
@QuarkusTest
@RegistryTestResources
class ContractBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DescriptorParser PARSER = new DescriptorParser();

    String domain;
    String owner;
    String id;

    @BeforeEach
    void product() {
        domain = Api.newDomain("bundles");
        owner = TestTokens.domainOwner(domain);
        id = Api.newProductId("orders");
    }

    @Test
    void aBundleCreatesTheProductWithEachContractOnThePortThatNamesIt() {
        String bundle = Bundles.of(
                Bundles.product(id, domain, "1.0.0", "orders-table", "refunds-table"),
                Bundles.contract(id, "refunds-table", false),
                Bundles.contract(id, "orders-table", true));

        put(bundle, Bundles.MEDIA_TYPE)
                .then()
                .statusCode(201)
                .body("outcome", equalTo("CREATED"))
                .body("contracts.port", equalTo(List.of("orders-table", "refunds-table")))
                .body("contracts.source", equalTo(List.of("BUNDLE", "BUNDLE")))
                .body("contracts.document", equalTo(List.of(2, 1)));

        JsonNode stored = descriptor("1.0.0");
        assertThat(stored.at("/outputPorts/0/contract/id").asText()).isEqualTo(Bundles.contractId(id, "orders-table"));
        assertThat(stored.at("/outputPorts/0/contract/schema/0/properties")).hasSize(2);
        assertThat(stored.at("/outputPorts/1/contract/id").asText()).isEqualTo(Bundles.contractId(id, "refunds-table"));
        assertThat(stored.at("/outputPorts/1/contract/schema/0/properties")).hasSize(1);
    }

    @Test
    void aYamlStreamWithSeveralDocumentsIsABundleWithoutTheBundleMediaType() {
        String bundle = Bundles.of(
                Bundles.product(id, domain, "1.0.0", "orders-table"), Bundles.contract(id, "orders-table", true));

        put(bundle, "application/yaml").then().statusCode(201).body("contracts[0].source", equalTo("BUNDLE"));
    }

    @Test
    void plainOdpsWithAnUnchangedContractIdKeepsTheContractItsPortCarries() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        put(Bundles.product(id, domain, "1.1.0", "orders-table"), "application/yaml")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("VERSION_CREATED"))
                .body("findings.rule", not(hasItem("contract-removed")))
                .body("contracts[0].source", equalTo("KEPT"))
                .body("contracts[0].keptFrom", equalTo("1.0.0"))
                .body("contracts[0].contractId", equalTo(Bundles.contractId(id, "orders-table")));

        assertThat(descriptor("1.1.0").at("/outputPorts/0/contract"))
                .isEqualTo(descriptor("1.0.0").at("/outputPorts/0/contract"));
        // The same plain ODPS again is the same descriptor: nothing to store.
        put(Bundles.product(id, domain, "1.1.0", "orders-table"), "application/yaml")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("UNCHANGED"));
    }

    @Test
    void anOdpsImportKeepsContractsByIdAndTakesUnknownIdsAsReferences() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        as(owner)
                .contentType("application/yaml")
                .body(Bundles.product(id, domain, "1.1.0", "orders-table", "refunds-table"))
                .post(BASE + "/import/odps")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("VERSION_CREATED"))
                .body("findings.rule", not(hasItem("contract-removed")))
                .body("contracts.source", equalTo(List.of("KEPT", "REFERENCE")));

        assertThat(descriptor("1.1.0").at("/outputPorts/0/contract/id").asText())
                .isEqualTo(Bundles.contractId(id, "orders-table"));
        assertThat(descriptor("1.1.0").at("/outputPorts/1").has("contract")).isFalse();
    }

    @Test
    void aBundledContractThatDropsAColumnWithoutAMajorVersionIsRefusedAsOneChange() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.1.0", "orders-table"),
                                Bundles.contract(id, "orders-table", false)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://tessera.dev/problems/breaking-change"))
                .body("findings.rule", hasItem("property-removed"))
                .body("detail", containsString("2.0.0"));

        as(owner).get(BASE + "/products/" + id + "/versions").then().body("version", equalTo(List.of("1.0.0")));
    }

    @Test
    void aContractIdTheRegistryDoesNotKnowWithoutItsContractIsRefused() {
        put(Bundles.product(id, domain, "1.0.0", "orders-table"), "application/yaml")
                .then()
                .statusCode(400)
                .body("errors.path", equalTo(List.of("/outputPorts/0/contractId")))
                .body("errors[0].message", containsString(Bundles.contractId(id, "orders-table")))
                .body("errors[0].message", containsString("bundle"));

        as(owner).get(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void aNewContractIdOnAnExistingPortWithoutItsContractIsRefused() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(201);

        put(
                        Bundles.product(id, domain, "1.1.0", "orders-table")
                                .replace(Bundles.contractId(id, "orders-table"), id + "-other-contract"),
                        "application/yaml")
                .then()
                .statusCode(400)
                .body("errors.path", equalTo(List.of("/outputPorts/0/contractId")))
                .body("errors[0].message", containsString("version 1.0.0 carries no contract with that id"));
    }

    @Test
    void aContractNoPortNamesIsRefusedNamingItsDocument() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true),
                                Bundles.contract(id, "stray-table", true)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(400)
                .body("errors.path", equalTo(List.of("/documents/2/id")))
                .body("errors[0].message", containsString("no output port has contractId"));

        as(owner).get(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void twoContractsWithOneIdAreRefusedNamingTheSecondDocument() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true),
                                Bundles.contract(id, "orders-table", false)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(400)
                .body("errors.path", equalTo(List.of("/documents/2/id")))
                .body("errors[0].message", containsString("is also document 1"));

        as(owner).get(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void aBundledContractIsValidatedAgainstOdcsWithErrorsInItsDocument() {
        String invalid = Bundles.contract(id, "orders-table", true).replace("status: active\n", "status: 42\n");

        put(Bundles.of(Bundles.product(id, domain, "1.0.0", "orders-table"), invalid), Bundles.MEDIA_TYPE)
                .then()
                .statusCode(400)
                .body("errors.path", hasItem(containsString("/documents/1")))
                .body("errors.path", not(hasItem(containsString("/outputPorts/0/contract"))));

        as(owner).get(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void aDryRunOfABundleShowsWhereEachContractGoesAndStoresNothing() {
        put(
                        Bundles.of(
                                Bundles.product(id, domain, "1.0.0", "orders-table"),
                                Bundles.contract(id, "orders-table", true)),
                        Bundles.MEDIA_TYPE)
                .then()
                .statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");
        String next = Bundles.of(
                Bundles.product(id, domain, "2.0.0", "orders-table", "refunds-table"),
                Bundles.contract(id, "orders-table", false),
                Bundles.contract(id, "refunds-table", true));

        as(owner)
                .contentType(Bundles.MEDIA_TYPE)
                .queryParam("dryRun", true)
                .body(next.getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("outcome", equalTo("VERSION_CREATED"))
                .body("version", equalTo("2.0.0"))
                .body("findings.rule", hasItem("property-removed"))
                .body("findings.rule", hasItem("port-added"))
                .body("contracts.port", equalTo(List.of("orders-table", "refunds-table")))
                .body("contracts.document", equalTo(List.of(1, 2)))
                .body("product", equalTo(null));

        as(owner)
                .get(BASE + "/products/" + id)
                .then()
                .body("sequence", equalTo(3))
                .body("versions.version", equalTo(List.of("1.0.0")));
    }

    @Test
    void theBundleFormReadsBackAsTheSameDescriptor() {
        String bundle = Bundles.of(
                Bundles.product(id, domain, "1.0.0", "orders-table", "refunds-table"),
                Bundles.contract(id, "orders-table", true),
                Bundles.contract(id, "refunds-table", false));
        put(bundle, Bundles.MEDIA_TYPE).then().statusCode(201);

        String exported = as(owner)
                .accept(Bundles.MEDIA_TYPE)
                .get(BASE + "/products/" + id + "/descriptor")
                .then()
                .statusCode(200)
                .contentType(containsString(Bundles.MEDIA_TYPE))
                .extract()
                .asString();

        List<JsonNode> sent = PARSER.parseStream(bundle.getBytes(StandardCharsets.UTF_8));
        List<JsonNode> back = PARSER.parseStream(exported.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(sent);
        put(exported, Bundles.MEDIA_TYPE).then().statusCode(200).body("outcome", equalTo("UNCHANGED"));
        // The inline form is served as before.
        as(owner)
                .get(BASE + "/products/" + id + "/descriptor")
                .then()
                .statusCode(200)
                .body("outputPorts.contract.id", hasSize(2))
                .body("outputPorts.contract.id", not(empty()));
    }

    @Test
    void theCorpusExamplesRoundTripAsABundle() throws Exception {
        ObjectNode product = (ObjectNode) yaml("corpus/odps/examples/customer-data-product.odps.yaml");
        product.put("id", id).put("domain", domain).put("version", "1.0.0");
        List<String> examples = List.of(
                "all/full-example",
                "schema/table-column",
                "schema/table-columns-with-partition",
                "data-types/all-data-types");
        List<JsonNode> documents = new ArrayList<>(List.of(product));
        for (int i = 0; i < examples.size(); i++) {
            String contractId = id + "-contract-" + i;
            ((ObjectNode) product.withArray("outputPorts").get(i)).put("contractId", contractId);
            ObjectNode contract = (ObjectNode) yaml("corpus/odcs/examples/" + examples.get(i) + ".odcs.yaml");
            documents.add(contract.put("id", contractId));
        }
        byte[] bundle = PARSER.writeStream(documents);

        as(owner)
                .contentType(Bundles.MEDIA_TYPE)
                .body(bundle)
                .put(BASE + "/products/" + id)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("contracts.source", equalTo(List.of("BUNDLE", "BUNDLE", "BUNDLE", "BUNDLE")));
        byte[] exported = as(owner)
                .accept(Bundles.MEDIA_TYPE)
                .get(BASE + "/products/" + id + "/versions/1.0.0/descriptor")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();

        List<JsonNode> back = PARSER.parseStream(exported);
        assertThat(back).hasSize(documents.size());
        ((ObjectNode) back.getFirst()).remove("status");
        product.remove("status");
        assertThat(back).isEqualTo(documents);
    }

    private static JsonNode yaml(String resource) throws java.io.IOException {
        try (var in = ContractBundleTest.class.getClassLoader().getResourceAsStream(resource)) {
            return PARSER.parse(in.readAllBytes(), true);
        }
    }

    private Response put(String body, String contentType) {
        return as(owner)
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/products/" + id);
    }

    private JsonNode descriptor(String version) {
        try {
            return JSON.readTree(as(owner)
                    .accept("application/json")
                    .get(BASE + "/products/" + id + "/versions/" + version + "/descriptor")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

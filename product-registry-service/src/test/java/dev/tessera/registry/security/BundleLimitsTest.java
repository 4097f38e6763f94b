package dev.tessera.registry.security;

import static dev.tessera.registry.support.Api.BASE;
import static org.assertj.core.api.Assertions.assertThat;

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
 * A bundle is held to the limits of one descriptor: its whole body, each document's nesting and aliases, the nesting
 * of a contract once it sits on its port, and the number of documents. Every refusal is a cheap 4xx problem that names
 * the limit, stores nothing, and leaves the service answering.
 */
@QuarkusTest
@RegistryTestResources
class BundleLimitsTest {

    String domain;
    String owner;
    String id;

    @BeforeEach
    void ids() {
        domain = Api.newDomain("limits");
        owner = TestTokens.domainOwner(domain);
        id = Api.newProductId("bounded");
    }

    @Test
    void aBundleLargerThanOneDescriptorIsRefusedWhole() {
        String padding = "# " + "p".repeat(DescriptorParser.MAX_BYTES) + "\n";
        Response response = put(Bundles.of(product(), contract() + padding));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getInt("limitBytes")).isEqualTo(DescriptorParser.MAX_BYTES);
        nothingStored();
    }

    @Test
    void moreDocumentsThanTheLimitAreRefusedBeforeAnyIsRead() {
        List<String> documents = new ArrayList<>(List.of(product()));
        for (int i = 0; i < DescriptorParser.MAX_DOCUMENTS; i++) {
            documents.add("kind: DataContract\nid: c" + i + "\n");
        }

        Response response = put(Bundles.of(documents.toArray(String[]::new)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("limit")).isEqualTo("maxDocuments");
        assertThat(response.jsonPath().getInt("limitValue")).isEqualTo(DescriptorParser.MAX_DOCUMENTS);
        nothingStored();
    }

    @Test
    void aBodyOfNothingButDocumentMarkersIsRefusedCheaply() {
        Response response = put("---\na: 1\n".repeat(100_000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("limit")).isEqualTo("maxDocuments");
        assertThat(response.asByteArray().length).isLessThan(4_096);
        serviceStillWorks();
    }

    @Test
    void aDeeplyNestedContractDocumentIsRefusedNamingTheDocument() {
        String nested = "x: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";
        Response response = put(Bundles.of(product(), contract() + nested));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("detail"))
                .startsWith("Document 1 of the stream")
                .containsIgnoringCase("nest");
        nothingStored();
    }

    @Test
    void aContractThatFitsAloneButNestsTooDeepOnItsPortIsRefused() {
        int levels = DescriptorParser.MAX_DEPTH - 2;
        String nested = "x: " + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "\n";
        Response response = put(Bundles.of(product(), contract() + nested));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.path")).containsExactly("/documents/1");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("deeper than the limit");
        nothingStored();
    }

    @Test
    void anAliasInAContractDocumentIsRefused() {
        String aliased = contract() + "a: &s \"" + "x".repeat(100_000) + "\"\nb: [" + "*s, ".repeat(999) + "*s]\n";
        Response response = put(Bundles.of(product(), aliased));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("limit")).isEqualTo("aliases");
        assertThat(response.asByteArray().length).isLessThan(4_096);
        nothingStored();
    }

    @Test
    void aLargeContractNamedByManyPortsCannotGrowTheDescriptorPastTheLimit() {
        String large = contract() + "description:\n  purpose: " + "x".repeat(300_000) + "\n";

        Response response = put(Bundles.of(productSharing(10, "1.0.0"), large));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.path")).containsExactly("/outputPorts/3/contractId");
        nothingStored();
    }

    @Test
    void keptContractsCannotGrowTheDescriptorPastTheLimitEither() {
        String large = contract() + "description:\n  purpose: " + "x".repeat(300_000) + "\n";
        put(Bundles.of(productSharing(1, "1.0.0"), large)).then().statusCode(201);

        Response response = Api.as(owner)
                .contentType("application/yaml")
                .body(productSharing(10, "1.1.0"))
                .put(BASE + "/products/" + id);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.path")).containsExactly("/outputPorts/3/contractId");
        Api.as(owner)
                .get(BASE + "/products/" + id + "/versions")
                .then()
                .body("version", org.hamcrest.Matchers.equalTo(List.of("1.0.0")));
    }

    /** A product whose {@code ports} output ports all name the one contract of {@link #contract}. */
    private String productSharing(int ports, String version) {
        StringBuilder outputs = new StringBuilder();
        for (int i = 0; i < ports; i++) {
            outputs.append("  - name: port-")
                    .append(i)
                    .append("\n    version: 1.0.0\n    contractId: ")
                    .append(Bundles.contractId(id, "orders-table"))
                    .append("\n");
        }
        String product = Bundles.product(id, domain, version, "orders-table");
        return product.substring(0, product.indexOf("outputPorts:\n") + "outputPorts:\n".length()) + outputs;
    }

    private String product() {
        return Bundles.product(id, domain, "1.0.0", "orders-table");
    }

    private String contract() {
        return Bundles.contract(id, "orders-table", true);
    }

    private Response put(String body) {
        return Api.as(owner)
                .contentType(Bundles.MEDIA_TYPE)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/products/" + id);
    }

    private void nothingStored() {
        Api.as(owner).get(BASE + "/products/" + id).then().statusCode(404);
        serviceStillWorks();
    }

    private void serviceStillWorks() {
        String other = Api.newProductId("after-limits");
        Api.as(owner)
                .contentType(Bundles.MEDIA_TYPE)
                .body(Bundles.of(
                                Bundles.product(other, domain, "1.0.0", "orders-table"),
                                Bundles.contract(other, "orders-table", true))
                        .getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/products/" + other)
                .then()
                .statusCode(201);
    }
}

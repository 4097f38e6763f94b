package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.applyYaml;
import static dev.tessera.registry.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx problem saying what to fix, and changes nothing. */
@QuarkusTest
@RegistryTestResources
class ValidationTest {

    String domain;
    String owner;
    String id;

    @BeforeEach
    void setUp() {
        domain = Api.newDomain("health");
        owner = TestTokens.domainOwner(domain);
        id = Api.newProductId("patients");
    }

    @AfterEach
    void nothingWasStored() {
        as(owner).get(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void malformedYamlNamesTheLine() {
        applyYaml(owner, id, "id: x\nname: [unclosed\nversion: 1.0.0\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tessera.dev/problems/malformed-body"))
                .body("errors[0].path", startsWith("line "));
    }

    @Test
    void malformedJsonIsABadRequest() {
        as(owner)
                .contentType("application/json")
                .body("{\"id\": ")
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://tessera.dev/problems/malformed-body"));
    }

    @Test
    void anUnknownDomainIsNamed() {
        applyYaml(TestTokens.platformAdmin(), id, Descriptors.orders(id, "no-such-domain", "1.0.0"))
                .then()
                .statusCode(400)
                .body("errors.path", hasItem("/domain"));
    }

    @Test
    void aBadSemanticVersionIsNamed() {
        applyYaml(owner, id, Descriptors.orders(id, domain, "one.two"))
                .then()
                .statusCode(400)
                .body("errors.path", hasItem("/version"));
    }

    @Test
    void duplicatePortNamesAreNamedByPath() {
        String yaml = Descriptors.orders(id, domain, "1.0.0") + """
                  - name: orders-table
                    version: 1.0.0
                    type: topic
                """;
        applyYaml(owner, id, yaml).then().statusCode(400).body("errors.path", hasItem("/outputPorts/1/name"));
    }

    @Test
    void aContractThatBreaksOdcsIsNamedInsideThePort() {
        String yaml = Descriptors.orders(id, domain, "1.0.0").replace("logicalType: number", "logicalType: 42");
        applyYaml(owner, id, yaml)
                .then()
                .statusCode(400)
                .body("errors.path", hasItem(startsWith("/outputPorts/0/contract/schema/0/properties/1")));
    }

    @Test
    void anIdThatDiffersFromTheUrlIsRefused() {
        applyYaml(owner, id, Descriptors.orders("other-id", domain, "1.0.0"))
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/id"));
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String big = Descriptors.orders(id, domain, "1.0.0").replace("Join on order_id.", "x".repeat(1_100_000));
        applyYaml(owner, id, big)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("1 MiB"));
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        as(owner)
                .contentType("text/plain")
                .body("hello")
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aTopLevelArrayIsRefused() {
        as(owner)
                .contentType("application/json")
                .body("[1,2,3]")
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(400);
    }

    @Test
    void oddlyShapedDescriptorsAreRefusedAsBadInputNeverAsAServerError() {
        List<String> bodies = List.of(
                "{}",
                "null",
                "\"just a string\"",
                "{\"version\": 1, \"domain\": []}",
                "{\"version\": \"1.0.0\", \"domain\": \"%s\", \"outputPorts\": \"not a list\"}",
                "{\"version\": \"1.0.0\", \"domain\": \"%s\", \"outputPorts\": [{\"name\": 1}]}",
                "{\"version\": \"1.0.0\", \"domain\": \"%s\", \"outputPorts\": [{\"name\": \"p\", \"version\": \"1\", \"contract\": \"x\"}]}",
                "{\"version\": \"1.0.0\", \"domain\": \"%s\", \"inputPorts\": [null, 3]}",
                "{\"version\": \"99999999999999999999.0.0\", \"domain\": \"%s\"}",
                "{\"id\": {\"nested\": true}}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"name\": \"\\u0000\\ud800\"}");
        for (String body : bodies) {
            int status = as(owner)
                    .contentType("application/json")
                    .body(body.formatted(domain))
                    .put(BASE + "/products/" + id)
                    .then()
                    .extract()
                    .statusCode();
            assertThat(status)
                    .as(body.length() > 80 ? body.substring(0, 80) : body)
                    .isBetween(400, 499);
        }
    }

    @Test
    void anAbsurdPageSizeIsRefused() {
        as(owner)
                .queryParam("limit", 100000)
                .get(BASE + "/products")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("limit"));
    }
}

package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.admin;
import static dev.tessera.registry.support.Api.applyYaml;
import static dev.tessera.registry.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@RegistryTestResources
class ProductApplyTest {

    String domain;
    String owner;

    @BeforeEach
    void domain() {
        domain = Api.newDomain("retail");
        owner = TestTokens.domainOwner(domain);
    }

    @Test
    void applyingAYamlDescriptorCreatesTheProductAsADraft() {
        String id = Api.newProductId("orders");

        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0"))
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("outcome", equalTo("CREATED"))
                .body("product.status", equalTo("DRAFT"))
                .body("product.headVersion", equalTo("1.0.0"))
                .body("product.descriptor.outputPorts[0].contract.schema[0].properties", hasSize(3));

        // The owner's own draft; other callers see only published versions (DraftVisibilityTest).
        as(owner)
                .get(BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("domain", equalTo(domain))
                .body("name", equalTo("Orders of " + domain))
                .body("descriptor.status", equalTo("draft"));
    }

    @Test
    void descriptorIsServedAsYamlWhenAskedFor() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);

        String yaml = as(owner)
                .accept("application/yaml")
                .get(BASE + "/products/" + id + "/descriptor")
                .then()
                .statusCode(200)
                .contentType(containsString("yaml"))
                .extract()
                .asString();

        assertThat(yaml).contains("id: " + id).contains("name: orders-table").doesNotStartWith("{");
    }

    @Test
    void applyingTheSameDescriptorTwiceChangesNothing() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);

        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0"))
                .then()
                .statusCode(200)
                .body("outcome", equalTo("UNCHANGED"))
                .header("ETag", "\"1\"");
    }

    @Test
    void dryRunReportsTheChangeButStoresNothing() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);

        as(owner)
                .contentType("application/yaml")
                .queryParam("dryRun", true)
                .body(Descriptors.orders(id, domain, "1.0.0", "decimal(12,2)", false))
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("outcome", equalTo("UPDATED"))
                .body("changes.path", hasItem(containsString("properties[amount].physicalType")));

        as(owner)
                .get(BASE + "/products/" + id)
                .then()
                .body("sequence", equalTo(1))
                .body(
                        "descriptor.outputPorts[0].contract.schema[0].properties[1].physicalType",
                        equalTo("decimal(10,2)"));
    }

    @Test
    void dryRunOfANewProductCreatesNothing() {
        String id = Api.newProductId("orders");

        applyYaml(owner, id + "?dryRun=true", Descriptors.orders(id, domain, "1.0.0"))
                .then()
                .statusCode(200)
                .body("outcome", equalTo("CREATED"))
                .body("dryRun", equalTo(true));

        as(owner).get(BASE + "/products/" + id).then().statusCode(404);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0", "decimal(12,2)", false))
                .then()
                .statusCode(200);

        as(owner)
                .header("If-Match", "\"1\"")
                .contentType("application/yaml")
                .body(Descriptors.orders(id, domain, "1.0.0", "decimal(14,2)", false))
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("currentETag", equalTo("\"2\""));
    }

    @Test
    void publishedVersionsAreImmutableAndChangesGoIntoANewDraft() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0", "decimal(12,2)", false))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://tessera.dev/problems/immutable-version"))
                .body("detail", containsString("Bump `version`"));

        applyYaml(owner, id, Descriptors.orders(id, domain, "1.1.0", "decimal(12,2)", false))
                .then()
                .statusCode(200)
                .body("outcome", equalTo("VERSION_CREATED"))
                .body("findings.rule", hasItem("type-widened"));

        as(owner)
                .get(BASE + "/products/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.contains("1.0.0", "1.1.0"))
                .body("status", org.hamcrest.Matchers.contains("PUBLISHED", "DRAFT"));
    }

    @Test
    void diffBetweenTwoVersionsListsChangesAndFindings() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");
        applyYaml(owner, id, Descriptors.orders(id, domain, "2.0.0", "decimal(8,2)", true))
                .then()
                .statusCode(200);

        as(owner)
                .queryParam("from", "1.0.0")
                .queryParam("to", "v2.0.0")
                .get(BASE + "/products/" + id + "/diff")
                .then()
                .statusCode(200)
                .body(
                        "changes.find { it.path.endsWith('properties[amount].physicalType') }.before",
                        equalTo("decimal(10,2)"))
                .body(
                        "changes.find { it.path.endsWith('properties[amount].physicalType') }.after",
                        equalTo("decimal(8,2)"))
                .body("findings.findAll { it.severity == 'BREAKING' }.rule", hasItem("optional-to-required"));
    }

    @Test
    void aBreakingChangeWithoutAMajorBumpIsRefusedWithTheFindings() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        applyYaml(owner, id, Descriptors.orders(id, domain, "1.1.0", "decimal(10,2)", true))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tessera.dev/problems/breaking-change"))
                .body("findings.rule", hasItem("optional-to-required"))
                .body("errors.path", hasItem(containsString("properties[amount]")));

        as(owner).get(BASE + "/products/" + id).then().body("headVersion", equalTo("1.0.0"));

        applyYaml(owner, id, Descriptors.orders(id, domain, "2.0.0", "decimal(10,2)", true))
                .then()
                .statusCode(200)
                .body("outcome", equalTo("VERSION_CREATED"));
    }

    @Test
    void aRemovedPortIsBreaking() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");
        String withoutPorts =
                Descriptors.orders(id, domain, "1.1.0").replaceAll("(?s)outputPorts:.*", "outputPorts: []\n");

        applyYaml(owner, id, withoutPorts).then().statusCode(422).body("findings.rule", hasItem("port-removed"));
    }

    @Test
    void anOpenDraftIsReplacedWhenTheOwnerBumpsTheVersionAgain() {
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.1.0")).then().statusCode(200);

        applyYaml(owner, id, Descriptors.orders(id, domain, "1.2.0"))
                .then()
                .statusCode(200)
                .body("outcome", equalTo("VERSION_CREATED"));

        as(owner)
                .get(BASE + "/products/" + id + "/versions")
                .then()
                .body("version", org.hamcrest.Matchers.contains("1.0.0", "1.2.0"));
    }

    @Test
    void everyWriteIsAudited() {
        String id = Api.newProductId("orders");
        as(owner)
                .header("X-Request-Id", "req-audit-1")
                .contentType("application/yaml")
                .body(Descriptors.orders(id, domain, "1.0.0"))
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(201)
                .header("X-Request-Id", "req-audit-1");
        Lifecycles.requestPublish(owner, id, "1.0.0");

        admin().get(BASE + "/products/" + id + "/audit")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("product.status-changed"))
                .body("items[0].detail.to", equalTo("PENDING_APPROVAL"))
                .body("items[1].action", equalTo("product.created"))
                .body("items[1].actor", equalTo("dora-" + domain))
                .body("items[1].requestId", equalTo("req-audit-1"))
                .body("items[1].clientId", equalTo("tessera-cli"))
                .body("items[1].occurredAt", notNullValue());
    }

    @Test
    void domainsCanBeListedAndPaged() {
        var first = admin().queryParam("limit", 1).get(BASE + "/domains").then().statusCode(200);
        String next = first.extract().path("next");
        assertThat(next).isNotNull();
        admin().queryParam("limit", 1)
                .queryParam("cursor", next)
                .get(BASE + "/domains")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed"))
                .put(BASE + "/domains/" + domain)
                .then()
                .statusCode(200)
                .body("name", equalTo("Renamed"))
                .header("ETag", "\"2\"");
    }
}

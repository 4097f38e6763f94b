package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.applyYaml;
import static dev.tessera.registry.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unpublished versions (DRAFT, PENDING_APPROVAL) are work in progress of the owning domain: its owners, governance
 * officers and platform admins see them; everyone else sees only versions that were published, and a product without
 * one does not exist for them.
 */
@QuarkusTest
@RegistryTestResources
class DraftVisibilityTest {

    String domain;
    String owner;
    String draftOnly;
    String published;

    @BeforeEach
    void estate() {
        domain = Api.newDomain("drafts");
        owner = TestTokens.domainOwner(domain);
        draftOnly = Api.newProductId("secret");
        applyYaml(owner, draftOnly, Descriptors.orders(draftOnly, domain, "1.0.0"))
                .then()
                .statusCode(201);
        Lifecycles.requestPublish(owner, draftOnly, "1.0.0");
        published = Api.newProductId("public");
        applyYaml(owner, published, Descriptors.orders(published, domain, "1.0.0"))
                .then()
                .statusCode(201);
        Lifecycles.publish(owner, published, "1.0.0");
        applyYaml(
                        owner,
                        published,
                        Descriptors.orders(published, domain, "2.0.0").replace("name: Orders of", "name: Renamed"))
                .then()
                .statusCode(200);
    }

    /** Every read of one product, by path. */
    private List<String> reads(String id, String version) {
        String product = BASE + "/products/" + id;
        return List.of(
                product,
                product + "/descriptor",
                product + "/versions",
                product + "/versions/" + version,
                product + "/versions/" + version + "/descriptor",
                product + "/versions/" + version + "/odps",
                product + "/versions/" + version + "/ports/orders-table/odcs",
                product + "/diff?from=" + version + "&to=" + version);
    }

    @Test
    void otherCallersCannotReadAProductThatWasNeverPublished() {
        List<String> wrong = new ArrayList<>();
        for (String token : List.of(TestTokens.dataConsumer(), TestTokens.domainOwner(Api.newDomain("other")))) {
            for (String path : reads(draftOnly, "1.0.0")) {
                int status = as(token).get(path).statusCode();
                if (status != 404) {
                    wrong.add(path + " -> " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(as(TestTokens.dataConsumer())
                        .get(BASE + "/products?domain=" + domain)
                        .jsonPath()
                        .getList("items.id"))
                .containsExactly(published);
    }

    @Test
    void ownersOfficersAndAdminsReadUnpublishedVersions() {
        List<String> wrong = new ArrayList<>();
        for (String token : List.of(owner, TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            for (String path : reads(draftOnly, "1.0.0")) {
                int status = as(token).get(path).statusCode();
                if (status != 200) {
                    wrong.add(path + " -> " + status);
                }
            }
            assertThat(as(token).get(BASE + "/products/" + published).jsonPath().getString("headVersion"))
                    .isEqualTo("2.0.0");
        }
        assertThat(wrong).isEmpty();
        assertThat(as(owner).get(BASE + "/products?domain=" + domain).jsonPath().getList("items.id"))
                .containsExactlyInAnyOrder(draftOnly, published);
    }

    @Test
    void otherCallersSeeOnlyThePublishedVersionsOfAProduct() {
        String consumer = TestTokens.dataConsumer();

        JsonPath product = as(consumer)
                .get(BASE + "/products/" + published)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(product.getString("headVersion")).isEqualTo("1.0.0");
        assertThat(product.getString("status")).isEqualTo("PUBLISHED");
        assertThat(product.getList("versions.version")).containsExactly("1.0.0");
        assertThat(product.getString("descriptor.version")).isEqualTo("1.0.0");
        assertThat(product.getString("name")).doesNotContain("Renamed");
        assertThat(as(consumer)
                        .get(BASE + "/products/" + published + "/descriptor")
                        .jsonPath()
                        .getString("version"))
                .isEqualTo("1.0.0");
        assertThat(as(consumer)
                        .get(BASE + "/products/" + published + "/versions")
                        .jsonPath()
                        .getList("version"))
                .containsExactly("1.0.0");
        Map<String, Object> line =
                as(consumer).get(BASE + "/products?domain=" + domain).jsonPath().getMap("items[0]");
        assertThat(line).containsEntry("headVersion", "1.0.0").containsEntry("status", "PUBLISHED");
        for (String path : List.of(
                BASE + "/products/" + published + "/versions/2.0.0",
                BASE + "/products/" + published + "/versions/2.0.0/descriptor",
                BASE + "/products/" + published + "/versions/2.0.0/odps",
                BASE + "/products/" + published + "/diff?from=1.0.0&to=2.0.0")) {
            assertThat(as(consumer).get(path).statusCode()).as(path).isEqualTo(404);
        }
    }
}

package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Bodies built to make the registry expand a small document into a huge one. Any role can send them, and they reach
 * the parser before any domain check, so the answer must be a cheap 4xx that names the limit, and the service must go
 * on answering.
 */
@QuarkusTest
@RegistryTestResources
class HostileYamlTest {

    /** ~500 KB of text, anchored once and referred to 2,000 times: about 1 GB once expanded. */
    private static final String SCALAR_ALIAS_BOMB =
            "a: &s \"" + "x".repeat(500_000) + "\"\nid: [" + "*s, ".repeat(1_999) + "*s]\n";

    @Test
    void aliasesToALargeScalarAreRefusedBeforeAnythingExpandsThem() {
        Response response = Api.as(TestTokens.dataConsumer())
                .contentType("application/yaml")
                .body(SCALAR_ALIAS_BOMB)
                .put(BASE + "/products/x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("https://tessera.dev/problems/malformed-body");
        assertThat(response.jsonPath().getString("detail")).contains("alias");
        assertThat(response.asByteArray().length).isLessThan(4_096);
        serviceStillWorks();
    }

    @Test
    void aBadIdIsQuotedShortInTheError() {
        String owner = Api.newDomain("quote");
        String id = Api.newProductId("quoted");
        String longId = "y".repeat(5_000);
        String descriptor = Descriptors.orders(id, owner, "1.0.0").replace("id: " + id + "\n", "id: " + longId + "\n");

        Response response = Api.applyYaml(TestTokens.domainOwner(owner), id, descriptor);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).doesNotContain("y".repeat(101)).contains("…");
    }

    private static void serviceStillWorks() {
        String domain = Api.newDomain("after-bomb");
        String id = Api.newProductId("after-bomb");
        Api.applyYaml(TestTokens.domainOwner(domain), id, Descriptors.orders(id, domain, "1.0.0"))
                .then()
                .statusCode(201);
    }
}

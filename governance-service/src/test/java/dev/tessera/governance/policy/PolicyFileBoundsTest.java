package dev.tessera.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Policies files are read by the platform's bounded reader, like descriptors in the registry: YAML aliases are refused
 * (an alias to a long string is the expansion bomb SnakeYAML's own limit does not count), and error messages repeat at
 * most a short prefix of what the caller sent.
 */
@QuarkusTest
@GovernanceTestResources
class PolicyFileBoundsTest {

    @Test
    void aYamlAliasIsRefusedNamingTheLimitInsteadOfBeingReadAsItsName() {
        String domain = Api.knownDomain(Api.unique("alias"));
        String file = """
                policies:
                  - id: %1$s-a
                    name: &n "A name worth reusing"
                    description: *n
                    scope: %1$s
                    severity: WARNING
                    expression: has(product.tags)
                """.formatted(domain);

        Response response = Api.as(TestTokens.domainOwner(domain))
                .contentType("application/yaml")
                .body(file)
                .post(Api.BASE + "/policies/apply");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("limit")).isEqualTo("aliases");
        Api.officer().get(Api.BASE + "/policies/" + domain + "-a").then().statusCode(404);
    }

    @Test
    void anUnknownFieldIsQuotedShort() {
        String field = "f".repeat(1_000);

        Response response = Api.as(TestTokens.governanceOfficer())
                .contentType("application/yaml")
                .body("policies:\n  - id: x\n    " + field + ": 1\n")
                .post(Api.BASE + "/policies/apply");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).doesNotContain("f".repeat(101));
    }
}

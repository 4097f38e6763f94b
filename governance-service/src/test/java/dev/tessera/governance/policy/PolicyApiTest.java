package dev.tessera.governance.policy;

import static dev.tessera.governance.support.Api.officer;
import static dev.tessera.governance.support.Api.policy;
import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@GovernanceTestResources
class PolicyApiTest {

    @Test
    void aSyntaxErrorIsA400NamingLineAndColumn() {
        Map<String, Object> p =
                policy(unique("broken"), "GLOBAL", "WARNING", "has(product.team) &&\n  product.team ==");

        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo("/expression"))
                .body("errors[0].message", containsString("line 2, column"))
                .body("issues[0].line", equalTo(2));
    }

    @Test
    void aTypeErrorIsA400AndNothingIsStored() {
        String id = unique("mistyped");
        Map<String, Object> p = policy(id, "GLOBAL", "WARNING", "size(product.name) + 'x' == 3");

        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(400);

        officer().get(Api.BASE + "/policies/" + id).then().statusCode(404);
    }

    @Test
    void badFieldsAreNamed() {
        Map<String, Object> p = policy("Not An Id", "GLOBAL", "FATAL", "true");
        p.put("weight", 0);
        p.put("target", "TABLE");

        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(400)
                .body("errors.path", hasItems("/id", "/severity", "/weight", "/target"));
    }

    @Test
    void everyChangeIsAVersionInTheHistory() {
        String id = unique("versioned");
        Map<String, Object> p = policy(id, "GLOBAL", "WARNING", "true");
        Api.createPolicy(dev.tessera.testkit.TestTokens.governanceOfficer(), p);
        p.put("enabled", false);
        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .header("If-Match", "\"1\"")
                .put(Api.BASE + "/policies/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        officer().delete(Api.BASE + "/policies/" + id).then().statusCode(204);

        List<String> changes = officer()
                .get(Api.BASE + "/policies/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("change");

        assertThat(changes).containsExactly("DELETED", "UPDATED", "CREATED");
    }

    @Test
    void aStaleIfMatchIsRefused() {
        String id = unique("stale");
        Map<String, Object> p = policy(id, "GLOBAL", "WARNING", "true");
        Api.createPolicy(dev.tessera.testkit.TestTokens.governanceOfficer(), p);

        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .header("If-Match", "\"7\"")
                .put(Api.BASE + "/policies/" + id)
                .then()
                .statusCode(412);
    }

    @Test
    void policiesAreListedInPagesWithACursor() {
        var first = officer()
                .get(Api.BASE + "/policies?scope=GLOBAL&limit=3")
                .then()
                .statusCode(200);
        List<String> firstIds = first.extract().path("items.id");
        String next = first.extract().path("next");
        assertThat(firstIds).hasSize(3).isSorted();
        assertThat(next).isNotNull();

        List<String> secondIds = officer()
                .queryParam("cursor", next)
                .get(Api.BASE + "/policies?scope=GLOBAL&limit=3")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(secondIds).isNotEmpty().doesNotContainAnyElementsOf(firstIds);
        assertThat(secondIds.getFirst()).isGreaterThan(firstIds.getLast());
        officer().get(Api.BASE + "/policies?limit=0").then().statusCode(400);
    }

    @Test
    void theStarterPackIsLoaded() {
        List<String> ids = officer()
                .get(Api.BASE + "/policies?scope=GLOBAL")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");

        assertThat(ids)
                .contains(
                        "owner-and-support",
                        "purpose-described",
                        "typed-contract",
                        "pii-classified",
                        "sla-declared",
                        "terms-of-use",
                        "port-naming",
                        "breaking-change-announced",
                        "quality-checks-pass",
                        "no-shadow-consumers",
                        "used-within-90-days");
    }

    @Test
    void applyingAFileTwiceChangesNothingTheSecondTime() {
        String domain = Api.knownDomain(unique("code"));
        String file = file(domain, "a", "b");
        String owner = dev.tessera.testkit.TestTokens.domainOwner(domain);

        apply(owner, file, "").body("created", equalTo(List.of(domain + "-a", domain + "-b")));
        apply(owner, file, "")
                .body("created", equalTo(List.of()))
                .body("unchanged", equalTo(List.of(domain + "-a", domain + "-b")));
    }

    @Test
    void aDryRunApplyReportsWithoutWriting() {
        String domain = Api.knownDomain(unique("dry"));
        String owner = dev.tessera.testkit.TestTokens.domainOwner(domain);

        apply(owner, file(domain, "a"), "?dryRun=true").body("created", equalTo(List.of(domain + "-a")));

        officer().get(Api.BASE + "/policies/" + domain + "-a").then().statusCode(404);
    }

    @Test
    void pruneDeletesThePoliciesOfTheScopeTheFileNoLongerLists() {
        String domain = Api.knownDomain(unique("prune"));
        String owner = dev.tessera.testkit.TestTokens.domainOwner(domain);
        apply(owner, file(domain, "a", "b"), "");

        apply(owner, file(domain, "a"), "?prune=true&scope=" + domain).body("deleted", equalTo(List.of(domain + "-b")));

        officer().get(Api.BASE + "/policies/" + domain + "-b").then().statusCode(404);
        officer().get(Api.BASE + "/policies/" + domain + "-a").then().statusCode(200);
    }

    @Test
    void aFileWithOneBadPolicyChangesNothing() {
        String domain = unique("atomic");
        String owner = dev.tessera.testkit.TestTokens.domainOwner(domain);
        String file = file(domain, "good") + """
                  - id: %s-bad
                    name: bad
                    scope: %s
                    expression: "product.name =="
                """.formatted(domain, domain);

        Api.as(owner)
                .contentType("application/yaml")
                .body(file)
                .post(Api.BASE + "/policies/apply")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/policies/1/expression"));

        officer().get(Api.BASE + "/policies/" + domain + "-good").then().statusCode(404);
    }

    @Test
    void aMessageThatDoesNotCompileIsRefusedAtApplyNamingTheField() {
        String domain = Api.knownDomain(unique("worded"));
        String owner = dev.tessera.testkit.TestTokens.domainOwner(domain);
        String file = file(domain, "good") + """
                  - id: %1$s-badly-worded
                    name: badly worded
                    scope: %1$s
                    expression: has(product.tags)
                    message: "'no tags on ' + size(product.tags)"
                """.formatted(domain);

        Api.as(owner)
                .contentType("application/yaml")
                .body(file)
                .post(Api.BASE + "/policies/apply")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo("/policies/1/message"))
                .body("errors[0].message", containsString("the message does not compile"));

        officer().get(Api.BASE + "/policies/" + domain + "-good").then().statusCode(404);
    }

    @Test
    void aMessageMustYieldText() {
        Map<String, Object> p = policy(unique("counted"), "GLOBAL", "WARNING", "has(product.tags)");
        p.put("message", "size(product.tags) > 0");

        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/message"))
                .body("detail", containsString("yields a string"));
    }

    @Test
    void aPolicyKeepsItsMessage() {
        String id = unique("worded");
        Map<String, Object> p = policy(id, "GLOBAL", "WARNING", "has(product.tags)");
        p.put("message", "'The product ' + product.id + ' has no tags.'");

        officer()
                .contentType(ContentType.JSON)
                .body(p)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(201)
                .body("message", equalTo("'The product ' + product.id + ' has no tags.'"));
    }

    private static io.restassured.response.ValidatableResponse apply(String token, String file, String query) {
        return Api.as(token)
                .contentType("application/yaml")
                .body(file)
                .post(Api.BASE + "/policies/apply" + query)
                .then()
                .statusCode(200);
    }

    private static String file(String domain, String... names) {
        StringBuilder yaml = new StringBuilder("policies:\n");
        for (String name : names) {
            yaml.append("""
                      - id: %1$s-%2$s
                        name: %2$s
                        scope: %1$s
                        severity: WARNING
                        expression: has(product.tags)
                    """.formatted(domain, name));
        }
        return yaml.toString();
    }
}

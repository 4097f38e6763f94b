package dev.tessera.governance.policy;

import static dev.tessera.governance.support.Api.policy;
import static dev.tessera.governance.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@GovernanceTestResources
class FederationTest {

    @Test
    void aDomainOwnerCannotDisableAGlobalPolicy() {
        String domain = unique("fed");
        Map<String, Object> weakened = policy("owner-and-support", domain, "WARNING", "true");
        weakened.put("enabled", false);

        Api.as(TestTokens.domainOwner(domain))
                .contentType(ContentType.JSON)
                .body(weakened)
                .put(Api.BASE + "/policies/owner-and-support")
                .then()
                .statusCode(403);

        Api.officer()
                .get(Api.BASE + "/policies/owner-and-support")
                .then()
                .body("enabled", equalTo(true))
                .body("severity", equalTo("BLOCKING"))
                .body("scope", equalTo("GLOBAL"));
    }

    @Test
    void aDomainOwnerCannotCreateAGlobalPolicy() {
        String domain = unique("fed");

        Api.as(TestTokens.domainOwner(domain))
                .contentType(ContentType.JSON)
                .body(policy(unique("sneaky"), "GLOBAL", "BLOCKING", "true"))
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(403);
    }

    @Test
    void aDomainOwnerAddsPoliciesForTheirOwnDomainOnly() {
        String mine = Api.knownDomain(unique("mine"));
        String theirs = unique("theirs");
        String owner = TestTokens.domainOwner(mine);

        Api.createPolicy(owner, policy(unique("stricter"), mine, "BLOCKING", "has(product.tags)"));
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(policy(unique("meddling"), theirs, "BLOCKING", "true"))
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(403);
    }

    @Test
    void theAnnouncedOwnerGroupDecidesWhoOwnsADomain() {
        String domain = unique("teamed");
        String group = "/teams/" + domain;
        Api.knownDomain(domain, group);

        for (String outsider : List.of(
                TestTokens.domainOwner(domain),
                TestTokens.inGroups("lookalike", Set.of("domain-owner"), List.of("/other/teams/" + domain)))) {
            Api.as(outsider)
                    .contentType(ContentType.JSON)
                    .body(policy(unique("outsider"), domain, "BLOCKING", "true"))
                    .post(Api.BASE + "/policies")
                    .then()
                    .statusCode(403);
        }
        Api.createPolicy(
                TestTokens.inGroups("team-lead", Set.of("domain-owner"), List.of(group)),
                policy(unique("team"), domain, "WARNING", "true"));
    }

    @Test
    void aPolicyCannotMoveBetweenScopes() {
        String domain = Api.knownDomain(unique("move"));
        String id = unique("local");
        Api.createPolicy(TestTokens.domainOwner(domain), policy(id, domain, "WARNING", "true"));

        Api.as(TestTokens.platformAdmin())
                .contentType(ContentType.JSON)
                .body(policy(id, "GLOBAL", "WARNING", "true"))
                .put(Api.BASE + "/policies/" + id)
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/scope"));
    }

    @Test
    void aDomainOwnerCannotPruneGlobalPolicies() {
        Api.as(TestTokens.domainOwner(unique("prune")))
                .contentType("application/yaml")
                .body("policies: []\n")
                .post(Api.BASE + "/policies/apply?prune=true&scope=GLOBAL")
                .then()
                .statusCode(403);
    }

    @Test
    void aDomainPolicyMustNameADomainTheRegistryAnnounced() {
        String domain = unique("typo");
        String owner = TestTokens.domainOwner(domain);
        Map<String, Object> policy = policy(unique("local"), domain, "WARNING", "true");

        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(policy)
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/scope"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("no domain '" + domain + "'"));
        Api.as(owner)
                .contentType("application/yaml")
                .body("""
                        policies:
                          - id: %s-file
                            name: From a file
                            scope: %s
                            expression: "true"
                        """.formatted(domain, domain))
                .post(Api.BASE + "/policies/apply")
                .then()
                .statusCode(400)
                .body("errors[0].path", equalTo("/policies/0/scope"));
        Api.officer().get(Api.BASE + "/policies/" + policy.get("id")).then().statusCode(404);

        Api.knownDomain(domain);

        Api.createPolicy(owner, policy);
    }
}

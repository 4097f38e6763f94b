package dev.tessera.registry.security;

import static dev.tessera.registry.support.Api.BASE;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A domain belongs to the members of exactly the group its {@code ownerGroup} names (a full
 * Keycloak group path), or of {@code /domains/<id>} when it names none; a group that merely ends
 * in the domain's name grants nothing.
 */
@QuarkusTest
@RegistryTestResources
class DomainOwnerGroupTest {

    @Test
    void theRecordedOwnerGroupOwnsTheDomainAndNoLookalikeDoes() {
        String domain = Api.newProductId("owned");
        String group = "/teams/" + domain + "-owners";
        create(domain, group);

        rename(
                domain,
                group,
                TestTokens.inGroups("lookalike", Set.of("domain-owner"), List.of("/other/" + domain)),
                403);
        rename(domain, group, TestTokens.domainOwner(domain), 403);
        rename(domain, group, TestTokens.inGroups("member", Set.of("data-consumer"), List.of(group)), 403);
        rename(domain, group, TestTokens.inGroups("owner", Set.of("domain-owner"), List.of(group)), 200);
    }

    @Test
    void aDomainWithoutAnOwnerGroupBelongsToItsGroupUnderDomains() {
        String domain = Api.newProductId("plain");
        create(domain, null);

        rename(domain, null, TestTokens.inGroups("bare-name", Set.of("domain-owner"), List.of(domain)), 403);
        rename(
                domain,
                null,
                TestTokens.inGroups("nested", Set.of("domain-owner"), List.of("/x/domains/" + domain)),
                403);
        rename(domain, null, TestTokens.domainOwner(domain), 200);
    }

    private static void create(String domain, String ownerGroup) {
        Api.admin()
                .contentType("application/json")
                .body(body(domain, "created", ownerGroup))
                .put(BASE + "/domains/" + domain)
                .then()
                .statusCode(201);
    }

    private static void rename(String domain, String ownerGroup, String token, int status) {
        Api.as(token)
                .contentType("application/json")
                .body(body(domain, "renamed by a " + status, ownerGroup))
                .put(BASE + "/domains/" + domain)
                .then()
                .statusCode(status);
    }

    private static Map<String, Object> body(String domain, String name, String ownerGroup) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name + " " + domain);
        if (ownerGroup != null) {
            body.put("ownerGroup", ownerGroup);
        }
        return body;
    }
}

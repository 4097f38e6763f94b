package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A permission an operator adds to the gateway's table is enforced on every call: the shortcut for
 * remembered tokens cannot know what such an entry demands, so it stands aside.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(RememberedTokenProxyOffTest.AdminsOnlyPolicies.class)
class RememberedTokenProxyOffTest {

    /** Governance's policy administration for platform admins only, on top of the shipped table. */
    public static class AdminsOnlyPolicies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.auth.permission.policy-admin.paths", "/api/governance/v1/policies/*",
                    "quarkus.http.auth.permission.policy-admin.policy", "admins",
                    "quarkus.http.auth.policy.admins.roles-allowed", "platform-admin");
        }
    }

    @Inject
    RememberedTokenProxy shortcut;

    @Test
    void anAddedPermissionHoldsForARememberedToken() {
        String consumer = TestTokens.user("consumer-" + System.nanoTime(), Set.of("data-consumer"), List.of());
        int hits = GatewayTestResource.governance().hits("/api/governance/v1/policies/p1");

        for (int i = 0; i < 3; i++) {
            Calls.as(consumer).get("/api/governance/v1/products").then().statusCode(200);
            Calls.as(consumer).get("/api/governance/v1/policies/p1").then().statusCode(403);
        }
        Calls.as(TestTokens.platformAdmin())
                .get("/api/governance/v1/policies/p1")
                .then()
                .statusCode(200);

        assertThat(GatewayTestResource.governance().hits("/api/governance/v1/policies/p1"))
                .isEqualTo(hits + 1);
        assertThat(shortcut.served()).isZero();
    }
}

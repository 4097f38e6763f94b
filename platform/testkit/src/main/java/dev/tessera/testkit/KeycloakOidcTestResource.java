package dev.tessera.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes a Quarkus application under test validate bearer tokens issued by the real Keycloak of
 * {@link KeycloakServer#shared()} (realm {@code tessera}, the realm export under deploy/keycloak)
 * instead of those minted by {@link TestTokens}. The module's build must set the
 * {@value KeycloakServer#DIST_PROPERTY} and {@value KeycloakServer#REALM_PROPERTY} properties.
 */
public class KeycloakOidcTestResource implements QuarkusTestResourceLifecycleManager {

    /** The realm the export defines. */
    public static final String REALM = "tessera";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.auth-server-url",
                KeycloakServer.shared().realmUrl(REALM),
                "quarkus.oidc.token.audience",
                TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
        // The shared server stops with the JVM.
    }
}

package dev.tessera.portal.support;

import dev.tessera.testkit.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The portal signing users in at the real Keycloak of {@link KeycloakServer#shared()}, which imported
 * deploy/keycloak/tessera-realm.json (with its {@code tessera-web} client).
 */
public class KeycloakPortalResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", KeycloakServer.shared().realmUrl("tessera"));
    }

    @Override
    public void stop() {
        // The shared server stops with the JVM.
    }
}

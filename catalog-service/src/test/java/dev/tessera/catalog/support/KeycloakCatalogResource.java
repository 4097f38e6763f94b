package dev.tessera.catalog.support;

import dev.tessera.testkit.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The catalog trusting a real Keycloak that imported deploy/keycloak/tessera-realm.json, and asking its
 * admin API, as the {@code tessera-catalog} service account, for webhook owners' current rights before
 * every delivery (no remembering between look-ups, so a test sees a change at once).
 */
public class KeycloakCatalogResource implements QuarkusTestResourceLifecycleManager {

    /** The demo secret of the catalog's client in the realm export. */
    public static final String CLIENT_SECRET = "tessera-catalog-demo-secret-change-me";

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = KeycloakServer.shared();
        return Map.of(
                "quarkus.oidc.auth-server-url",
                keycloak.realmUrl(KeycloakAdmin.REALM),
                "tessera.catalog.webhooks.owner-rights.source",
                "keycloak",
                "tessera.catalog.webhooks.owner-rights.realm-url",
                keycloak.realmUrl(KeycloakAdmin.REALM),
                "tessera.catalog.webhooks.owner-rights.client-id",
                "tessera-catalog",
                "tessera.catalog.webhooks.owner-rights.client-secret",
                CLIENT_SECRET,
                "tessera.catalog.webhooks.owner-rights.remember-for",
                "0s");
    }

    @Override
    public void stop() {
        // The shared server stops with the JVM.
    }
}

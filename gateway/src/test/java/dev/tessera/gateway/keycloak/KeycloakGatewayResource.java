package dev.tessera.gateway.keycloak;

import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.KeycloakServer;
import java.util.Map;

/** The gateway with stub backends, trusting a real Keycloak that imported deploy/keycloak/tessera-realm.json. */
public class KeycloakGatewayResource extends GatewayTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        config.remove("quarkus.oidc.public-key");
        config.remove("quarkus.oidc.token.issuer");
        config.put("quarkus.oidc.auth-server-url", KeycloakServer.shared().realmUrl("tessera"));
        return config;
    }
}

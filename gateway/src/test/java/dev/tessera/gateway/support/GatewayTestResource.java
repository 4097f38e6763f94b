package dev.tessera.gateway.support;

import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts real HTTP stub backends behind the gateway for registry, governance, lineage and the portal, points
 * catalog at a port where nothing listens, and makes the gateway trust {@link TestTokens}.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    private static StubBackend registry;
    private static StubBackend governance;
    private static StubBackend lineage;
    private static StubBackend portal;

    public static StubBackend registry() {
        return registry;
    }

    public static StubBackend governance() {
        return governance;
    }

    public static StubBackend lineage() {
        return lineage;
    }

    /** The web UI's stand-in: answers every path it is sent with an echo, like the others. */
    public static StubBackend portal() {
        return portal;
    }

    @Override
    public Map<String, String> start() {
        registry = new StubBackend("registry").start();
        governance = new StubBackend("governance").start();
        lineage = new StubBackend("lineage").start();
        portal = new StubBackend("portal").start();
        Map<String, String> config = new HashMap<>(TestTokens.oidcConfig());
        config.put("tessera.gateway.backends.registry.url", registry.url());
        config.put("tessera.gateway.backends.governance.url", governance.url());
        config.put("tessera.gateway.backends.lineage.url", lineage.url());
        config.put("tessera.gateway.backends.portal.url", portal.url());
        config.put("tessera.gateway.backends.catalog.url", "http://127.0.0.1:" + FreePorts.next());
        config.put("tessera.gateway.backends.governance.timeout", "1s");
        config.put("tessera.gateway.circuit.failure-threshold", "3");
        config.put("tessera.gateway.circuit.open-for", "2s");
        // A tightly limited route for the rate-limit tests; everything else keeps the generous default.
        config.put("tessera.gateway.routes.limited.prefix", "/api/registry/v1/limited");
        config.put("tessera.gateway.routes.limited.backend", "registry");
        config.put("tessera.gateway.routes.limited.requests-per-second", "1");
        config.put("tessera.gateway.routes.limited.burst", "3");
        return config;
    }

    @Override
    public void stop() {
        for (StubBackend stub : new StubBackend[] {registry, governance, lineage, portal}) {
            if (stub != null) {
                stub.releaseSlow();
                stub.stop();
            }
        }
    }
}

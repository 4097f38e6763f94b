package dev.tessera.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Makes a Quarkus application under test validate bearer tokens minted by {@link TestTokens}. */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.oidcConfig();
    }

    @Override
    public void stop() {
        // Nothing runs.
    }
}

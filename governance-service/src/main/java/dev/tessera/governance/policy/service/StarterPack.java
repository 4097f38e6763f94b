package dev.tessera.governance.policy.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads the built-in policies ({@code policies/starter-pack.yaml}) on the first start of an empty
 * store, then compiles the catalog. Loaded once: afterwards they are ordinary global policies that
 * officers may edit or delete, and a restart does not bring deleted ones back.
 */
@ApplicationScoped
public class StarterPack {

    static final String RESOURCE = "/policies/starter-pack.yaml";

    @Inject
    PolicyService policies;

    @Inject
    PolicyCatalog catalog;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<PolicyDefinition> pack = read();
        QuarkusTransaction.requiringNew().run(() -> policies.seed(pack));
        catalog.refresh();
    }

    /** The file's shape: {@code policies:} and a list, as any policies file. */
    private record File(List<PolicyDefinition> policies) {}

    /** The starter pack's policies as shipped, in the file's order. */
    public static List<PolicyDefinition> read() {
        try (InputStream in = StarterPack.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, File.class).policies();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

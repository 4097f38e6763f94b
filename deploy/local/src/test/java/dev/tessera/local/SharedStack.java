package dev.tessera.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for every end-to-end test class in the run, started the way the run command starts it
 * (separate processes, real PostgreSQL, Kafka and Keycloak with the realm export), on free ports in a
 * fresh data directory, and stopped when the test run ends.
 */
public final class SharedStack implements BeforeAllCallback {

    private static LocalStack stack;
    private static Identities identities;

    /** The running stack, started on first use. */
    public static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path root = Path.of(System.getProperty("tessera.root", "../.."))
                        .toAbsolutePath()
                        .normalize();
                Path data = Files.createDirectories(root.resolve("deploy/local/target/e2e-stack"));
                stack = LocalStack.start(StackOptions.forTests(root, data, EnumSet.allOf(PlatformService.class), true));
                identities = new Identities(stack.keycloak());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /** Callers with tokens from the shared stack's Keycloak. */
    static synchronized Identities identities() {
        get();
        return identities;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        store.getOrComputeIfAbsent(SharedStack.class, k -> new Closer(get()), Closer.class);
    }

    /** Stops the stack when JUnit closes its root context at the end of the run. */
    private record Closer(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}

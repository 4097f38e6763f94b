package dev.tessera.local;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to start a stack.
 *
 * @param root the repository checkout (where the services' modules are built)
 * @param dataDir everything the stack writes: databases, broker logs, process logs
 * @param reset wipe {@code dataDir} first
 * @param fixedPorts the documented ports (run command) or free ones (tests, several stacks at once)
 * @param services which services to start
 * @param progress where progress lines go
 * @param keycloak start a real Keycloak with the realm export and have every service trust it; without
 *     it, services trust tokens signed with the development key from platform/testkit
 * @param keycloakPort the port Keycloak listens on, or 0 for a free one
 */
public record StackOptions(
        Path root,
        Path dataDir,
        boolean reset,
        boolean fixedPorts,
        Set<PlatformService> services,
        Consumer<String> progress,
        boolean keycloak,
        int keycloakPort) {

    public StackOptions {
        services = services.isEmpty() ? EnumSet.noneOf(PlatformService.class) : EnumSet.copyOf(services);
    }

    /**
     * The stack the run command starts: everything, on the documented ports (Keycloak's as {@link
     * KeycloakPort} configures it), in {@code root/.tessera}.
     */
    public static StackOptions runCommand(Path root, boolean reset, Consumer<String> progress) {
        return new StackOptions(
                root,
                root.resolve(".tessera"),
                reset,
                true,
                EnumSet.allOf(PlatformService.class),
                progress,
                true,
                KeycloakPort.configured(System.getenv(), System.getProperties()));
    }

    /**
     * A throw-away stack on free ports, for tests; with {@code keycloak}, a real Keycloak issues the
     * tokens, otherwise services trust the development key.
     */
    public static StackOptions forTests(Path root, Path dataDir, Set<PlatformService> services, boolean keycloak) {
        return new StackOptions(root, dataDir, true, false, services, line -> {}, keycloak, 0);
    }
}

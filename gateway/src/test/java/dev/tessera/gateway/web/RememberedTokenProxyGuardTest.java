package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.http.runtime.AuthRuntimeConfig;
import io.quarkus.vertx.http.runtime.PolicyConfig;
import io.quarkus.vertx.http.runtime.PolicyMappingConfig;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shortcut for remembered tokens stands in for the permission table the gateway ships and for
 * nothing else: any change that could make the chain refuse what the shortcut would let through
 * switches it off.
 */
class RememberedTokenProxyGuardTest {

    @Test
    void theShippedTableLetsTheShortcutStandIn() {
        assertThat(RememberedTokenProxy.unsupported(auth(shipped(), false))).isNull();
    }

    @Test
    void anAddedPermissionSwitchesItOff() {
        Map<String, PolicyMappingConfig> table = shipped();
        table.put("policy-admin", permission("admins", List.of("/api/governance/v1/policies/*"), List.of()));

        assertThat(RememberedTokenProxy.unsupported(auth(table, false))).contains("policy-admin");
    }

    @Test
    void aShippedEntryThatNoLongerPermitsEveryoneSwitchesItOff() {
        Map<String, PolicyMappingConfig> table = shipped();
        table.put("portal", permission("deny", List.of("/*"), List.of()));

        assertThat(RememberedTokenProxy.unsupported(auth(table, false))).contains("'portal'", "deny");
    }

    @Test
    void theApiPermissionNarrowedToSomeMethodsSwitchesItOff() {
        Map<String, PolicyMappingConfig> table = shipped();
        table.put("api", permission(RememberedTokenProxy.ROLE_POLICY, List.of("/api/*"), List.of("GET")));

        assertThat(RememberedTokenProxy.unsupported(auth(table, false))).contains("'api'");
    }

    @Test
    void inclusiveAuthenticationSwitchesItOff() {
        assertThat(RememberedTokenProxy.unsupported(auth(shipped(), true))).contains("inclusive");
    }

    /** The table of the gateway's application.properties. */
    private static Map<String, PolicyMappingConfig> shipped() {
        Map<String, PolicyMappingConfig> table = new HashMap<>();
        table.put("public", permission("permit", List.of("/q/health", "/openapi"), List.of()));
        table.put("preflight", permission("permit", List.of("/*"), List.of("OPTIONS")));
        table.put("api", permission(RememberedTokenProxy.ROLE_POLICY, List.of("/api/*"), List.of()));
        table.put("portal", permission("permit", List.of("/*"), List.of()));
        return table;
    }

    private static PolicyMappingConfig permission(String policy, List<String> paths, List<String> methods) {
        return config(
                PolicyMappingConfig.class,
                Map.of(
                        "enabled",
                        Optional.empty(),
                        "policy",
                        policy,
                        "paths",
                        Optional.of(paths),
                        "methods",
                        methods.isEmpty() ? Optional.empty() : Optional.of(methods),
                        "authMechanism",
                        Optional.empty(),
                        "shared",
                        false,
                        "appliesTo",
                        PolicyMappingConfig.AppliesTo.ALL));
    }

    private static AuthRuntimeConfig auth(Map<String, PolicyMappingConfig> table, boolean inclusive) {
        PolicyConfig role = config(
                PolicyConfig.class,
                Map.of("rolesAllowed", List.of("data-consumer", "platform-admin"), "roles", Map.of()));
        return config(
                AuthRuntimeConfig.class,
                Map.of(
                        "permissions",
                        table,
                        "rolePolicy",
                        Map.of(RememberedTokenProxy.ROLE_POLICY, role),
                        "rolesMapping",
                        Map.of(),
                        "inclusive",
                        inclusive));
    }

    /** An instance of a configuration interface answering from {@code values}; any other member fails the test. */
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new AssertionError("the guard read " + type.getSimpleName() + "." + method.getName()
                        + "(), which this test does not set");
            }
            return values.get(method.getName());
        }));
    }
}

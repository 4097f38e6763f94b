package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.http.runtime.AuthRuntimeConfig;
import io.quarkus.vertx.http.runtime.PolicyConfig;
import io.quarkus.vertx.http.runtime.PolicyMappingConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link RememberedTokenProxy} decides whether it may stand in for Quarkus' permission check by reading
 * Quarkus' HTTP security configuration through internal types ({@code io.quarkus.vertx.http.runtime}),
 * which may change in any Quarkus release without notice. Every member of those types is listed here as
 * the guard ({@link RememberedTokenProxy#unsupported}) was written against it, each one either checked
 * by the guard or judged unable to let a call through that the chain would refuse. A Quarkus upgrade
 * that adds, removes or retypes a member fails here, naming the class and the member, before the
 * shortcut can stand in for a table it no longer understands.
 */
class QuarkusAuthConfigContractTest {

    private static final String WHAT_TO_DO = "RememberedTokenProxy.unsupported reads this type to decide whether"
            + " the shortcut for remembered tokens may stand in for Quarkus' permission check. Work out whether"
            + " the change can make the chain refuse a call on /api/* that the shortcut would let through; if"
            + " so, check it in unsupported(); then update the list in QuarkusAuthConfigContractTest.";

    @Test
    void thePermissionEntryIsTheOneTheGuardChecks() {
        // Checked: enabled, policy, methods, paths, authMechanism, appliesTo. Not checked: shared (it adds a
        // permission to others on the same path; every entry but 'api' must permit all, so it adds nothing).
        assertMembers(
                PolicyMappingConfig.class,
                Map.of(
                        "enabled", "java.util.Optional<java.lang.Boolean>",
                        "policy", "java.lang.String",
                        "methods", "java.util.Optional<java.util.List<java.lang.String>>",
                        "paths", "java.util.Optional<java.util.List<java.lang.String>>",
                        "authMechanism", "java.util.Optional<java.util.Set<java.lang.String>>",
                        "shared", "boolean",
                        "appliesTo", "io.quarkus.vertx.http.runtime.PolicyMappingConfig$AppliesTo"));
        List<String> appliesTo = Arrays.stream(PolicyMappingConfig.AppliesTo.values())
                .map(Enum::name)
                .toList();
        assertThat(appliesTo)
                .as("Quarkus changed the values of %s. %s", PolicyMappingConfig.AppliesTo.class.getName(), WHAT_TO_DO)
                .containsExactlyInAnyOrder("ALL", "JAXRS");
    }

    @Test
    void theRolePolicyIsTheOneTheGuardChecks() {
        // Checked: rolesAllowed, roles (role mapping within the policy). Not checked: permissions and
        // permissionClass, which grant permissions for @PermissionsAllowed and decide no path.
        assertMembers(
                PolicyConfig.class,
                Map.of(
                        "rolesAllowed", "java.util.List<java.lang.String>",
                        "roles", "java.util.Map<java.lang.String, java.util.List<java.lang.String>>",
                        "permissions", "java.util.Map<java.lang.String, java.util.List<java.lang.String>>",
                        "permissionClass", "java.lang.String"));
    }

    @Test
    void theAuthenticationSettingsAreTheOnesTheGuardChecks() {
        // Checked: permissions, rolePolicy, rolesMapping, inclusive. Not checked: certificate roles and the
        // mTLS priority (only for client certificates, which the gateway does not take), the basic and form
        // mechanisms (not enabled; a bearer identity never comes from them), realm, inclusiveMode (only
        // with inclusive on, which the guard refuses).
        assertMembers(
                AuthRuntimeConfig.class,
                Map.ofEntries(
                        Map.entry(
                                "permissions",
                                "java.util.Map<java.lang.String, io.quarkus.vertx.http.runtime.PolicyMappingConfig>"),
                        Map.entry(
                                "rolePolicy",
                                "java.util.Map<java.lang.String, io.quarkus.vertx.http.runtime.PolicyConfig>"),
                        Map.entry("rolesMapping", "java.util.Map<java.lang.String, java.util.List<java.lang.String>>"),
                        Map.entry("certificateRoleAttribute", "java.lang.String"),
                        Map.entry("certificateRoleProperties", "java.util.Optional<java.nio.file.Path>"),
                        Map.entry("realm", "java.util.Optional<java.lang.String>"),
                        Map.entry("form", "io.quarkus.vertx.http.runtime.FormAuthConfig"),
                        Map.entry("inclusive", "boolean"),
                        Map.entry("inclusiveMode", "io.quarkus.vertx.http.runtime.AuthRuntimeConfig$InclusiveMode"),
                        Map.entry("mTlsPriority", "java.util.Optional<java.lang.Integer>"),
                        Map.entry("basicPriority", "int")));
    }

    @Test
    void theAuthenticationSettingsAreFoundWhereTheGuardLooks() throws NoSuchMethodException {
        Method auth = VertxHttpConfig.class.getMethod("auth");

        assertThat(auth.getReturnType())
                .as(
                        "Quarkus' %s.auth() no longer returns %s. %s",
                        VertxHttpConfig.class.getName(), AuthRuntimeConfig.class.getName(), WHAT_TO_DO)
                .isEqualTo(AuthRuntimeConfig.class);
        assertThat(VertxHttpConfig.class.getAnnotation(io.smallrye.config.ConfigMapping.class))
                .as(
                        "Quarkus' %s is no longer a @ConfigMapping, which RememberedTokenProxy asks SmallRyeConfig"
                                + " for. %s",
                        VertxHttpConfig.class.getName(), WHAT_TO_DO)
                .isNotNull();
    }

    /** The abstract members of {@code type} are exactly {@code expected} (name to generic return type). */
    private static void assertMembers(Class<?> type, Map<String, String> expected) {
        Map<String, String> actual = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && method.getDeclaringClass() == type) {
                actual.put(method.getName(), method.getGenericReturnType().getTypeName());
            }
        }
        Set<String> added = new TreeSet<>(actual.keySet());
        added.removeAll(expected.keySet());
        Set<String> removed = new TreeSet<>(expected.keySet());
        removed.removeAll(actual.keySet());
        Set<String> retyped = new TreeSet<>();
        for (String name : actual.keySet()) {
            if (expected.containsKey(name) && !expected.get(name).equals(actual.get(name))) {
                retyped.add(name + "() now returns " + actual.get(name) + ", was " + expected.get(name));
            }
        }
        assertThat(added.isEmpty() && removed.isEmpty() && retyped.isEmpty())
                .as(
                        "Quarkus changed %s: new members %s, members gone %s, members retyped %s. %s",
                        type.getName(), added, removed, retyped, WHAT_TO_DO)
                .isTrue();
    }
}

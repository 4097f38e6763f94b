package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The run command's Keycloak port: documented default, how to change it, and a taken port. */
class KeycloakPortTest {

    @Test
    void defaultsToTheDocumentedPort() {
        assertThat(KeycloakPort.configured(Map.of(), new Properties())).isEqualTo(8180);
    }

    @Test
    void environmentVariableChoosesAnotherPort() {
        assertThat(KeycloakPort.configured(Map.of("TESSERA_KEYCLOAK_PORT", "8181"), new Properties()))
                .isEqualTo(8181);
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("tessera.keycloak.port", "8282");
        assertThat(KeycloakPort.configured(Map.of("TESSERA_KEYCLOAK_PORT", "8181"), properties))
                .isEqualTo(8282);
    }

    @Test
    void aValueThatIsNotAPortIsRefusedWithHowToFixIt() {
        assertThatThrownBy(() -> KeycloakPort.configured(Map.of("TESSERA_KEYCLOAK_PORT", "eighty"), new Properties()))
                .isInstanceOf(StackException.class)
                .hasMessage("TESSERA_KEYCLOAK_PORT=eighty is not a port; set it to a number from 1 to 65535.");
    }

    @Test
    void aTakenPortStopsTheStartWithOneLineNamingThePortAndTheVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KeycloakPort.requireFree(port))
                    .isInstanceOf(StackException.class)
                    .hasMessageStartingWith("Keycloak's port " + port + " is taken.")
                    .hasMessageContaining("TESSERA_KEYCLOAK_PORT=<port>")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theStackRefusesATakenKeycloakPortBeforeStartingAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackOptions options = new StackOptions(
                    java.nio.file.Path.of("target"),
                    java.nio.file.Path.of("target/keycloak-port-taken"),
                    false,
                    false,
                    java.util.EnumSet.noneOf(PlatformService.class),
                    line -> {},
                    true,
                    port);
            assertThatThrownBy(() -> LocalStack.start(options))
                    .isInstanceOf(StackException.class)
                    .hasMessageStartingWith("Keycloak's port " + port + " is taken.");
        }
    }
}

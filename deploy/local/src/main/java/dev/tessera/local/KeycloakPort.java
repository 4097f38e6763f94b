package dev.tessera.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;

/**
 * The run command's Keycloak port. It is fixed, because the README's token commands name it: 8180
 * (the services' own default realm URL), unless {@value #ENV} or the system property {@value #PROPERTY}
 * chooses another.
 */
final class KeycloakPort {

    static final int DEFAULT = 8180;
    static final String ENV = "TESSERA_KEYCLOAK_PORT";
    static final String PROPERTY = "tessera.keycloak.port";

    private KeycloakPort() {}

    /** The port the system property, else the environment variable, else the default names. */
    static int configured(Map<String, String> env, Properties properties) {
        String value = properties.getProperty(PROPERTY, env.get(ENV));
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(ENV + "=" + value + " is not a port; set it to a number from 1 to 65535.");
        }
    }

    /** Fails with a message that names the port and how to choose another, when something listens there. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StackException("Keycloak's port " + port + " is taken. Stop whatever listens there"
                    + " (`ss -ltnp | grep " + port + "`) or choose another port: " + ENV
                    + "=<port> ./mvnw -pl deploy/local -am package -DskipTests -Plocal");
        }
    }
}

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testkit.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's "A token" commands as a reader would paste them into bash, against a real Keycloak
 * with the realm export, started as the tests start it ({@link KeycloakServer#shared()}, on a free port).
 *
 * <p>The block is the first fenced block after the {@code ### A token} heading, taken verbatim except for
 * one substitution: its {@code KEYCLOAK=} line, which names the run command's documented port
 * ({@code http://localhost:8180/realms/tessera}), is replaced by this Keycloak's realm URL, so parallel
 * and CI runs never need port 8180. Everything else (the {@code token} function, the CI client's
 * command, the {@code sed} that cuts the token out) runs as written.
 */
class ReadmeTokenCommandTest {

    private static final Path README = Path.of(System.getProperty("tessera.root", "../.."), "README.md");
    private static final String DOCUMENTED_REALM_URL = "http://localhost:8180/realms/tessera";

    private static KeycloakServer keycloak;
    private static String block;

    @BeforeAll
    static void startKeycloakAndReadTheReadme() throws IOException {
        keycloak = KeycloakServer.shared();
        block = tokenBlock(Files.readString(README));
    }

    @Test
    void theReadmeNamesTheDocumentedRealmUrl() {
        assertThat(block.lines().filter(l -> l.startsWith("KEYCLOAK=")))
                .containsExactly("KEYCLOAK=" + DOCUMENTED_REALM_URL);
    }

    @Test
    void theTokenFunctionGivesADemoUserATokenKeycloakAccepts() throws Exception {
        String token = runBash(block + "\ntoken dora-retail\n");

        assertIsARealmToken(token);
        assertThat(payload(token)).contains("\"preferred_username\":\"dora-retail\"");
    }

    @Test
    void theCiCommandGivesThePipelineATokenKeycloakAccepts() throws Exception {
        String token = runBash(block + "\nprintf '%s\\n' \"$TOKEN\"\n");

        assertIsARealmToken(token);
    }

    private static void assertIsARealmToken(String token) throws Exception {
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(payload(token)).containsPattern("\"iss\":\"[^\"]*/realms/tessera\"");
        assertThat(introspect(token)).contains("\"active\":true");
    }

    /** The first fenced block after the "A token" heading, with only its realm URL pointed at this Keycloak. */
    static String tokenBlock(String readme) {
        int section = readme.indexOf("\n### A token\n");
        assertThat(section).as("README has an \"A token\" section").isPositive();
        int open = readme.indexOf("\n```", section);
        int start = readme.indexOf('\n', open + 1) + 1;
        int end = readme.indexOf("\n```", start);
        return readme.substring(start, end + 1);
    }

    private static String runBash(String script) throws Exception {
        return runBash(script, keycloak);
    }

    /** Runs a script in bash with its {@code KEYCLOAK=} line pointed at {@code server}; its trimmed output. */
    static String runBash(String script, KeycloakServer server) throws Exception {
        String pointed = script.replaceAll(
                "(?m)^KEYCLOAK=.*$", "KEYCLOAK=" + server.realmUrl("tessera").replace("$", "\\$"));
        Process bash = new ProcessBuilder(List.of("bash", "-c", pointed))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("bash finished").isTrue();
        assertThat(bash.exitValue()).as("bash exit status, output: " + out).isZero();
        return out.strip();
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** Keycloak's own verdict on the token (RFC 7662), asked as the realm's confidential CI client. */
    private static String introspect(String token) throws Exception {
        String form = "client_id=tessera-ci&client_secret=tessera-ci-demo-secret-change-me&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(keycloak.realmUrl("tessera") + "/protocol/openid-connect/token/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}

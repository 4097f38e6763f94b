package dev.tessera.catalog.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testkit.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an operator does in Keycloak's admin REST API, for tests: create a person with a role and a domain
 * group, take a group away, disable the account. Runs as the master realm's bootstrap administrator.
 */
public final class KeycloakAdmin {

    /** The realm every Tessera component uses. */
    public static final String REALM = "tessera";

    private final KeycloakServer keycloak;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * Creates an enabled user with a password, one realm role and membership of the given groups (paths such
     * as {@code /domains/retail}); returns the user's id (the {@code sub} of its tokens).
     */
    public String createUser(String username, String password, String realmRole, List<String> groups) {
        Map<String, Object> user = Map.of(
                "username",
                username,
                "enabled",
                true,
                "email",
                username + "@example.test",
                "emailVerified",
                true,
                "firstName",
                "Test",
                "lastName",
                "User",
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)),
                "groups",
                groups);
        HttpResponse<String> created = call("POST", "/users", user);
        expect(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonNode role = json(call("GET", "/roles/" + realmRole, null));
        expect(call("POST", "/users/" + id + "/role-mappings/realm", List.of(role)), 204);
        return id;
    }

    /** Takes a user out of a group, given by path. */
    public void removeFromGroup(String userId, String groupPath) {
        JsonNode group = json(call("GET", "/group-by-path" + groupPath, null));
        expect(call("DELETE", "/users/" + userId + "/groups/" + group.path("id").asText(), null), 204);
    }

    /** Disables a user account. */
    public void disable(String userId) {
        // The whole representation goes back: a partial one could drop the profile's required attributes.
        com.fasterxml.jackson.databind.node.ObjectNode user =
                (com.fasterxml.jackson.databind.node.ObjectNode) json(call("GET", "/users/" + userId, null));
        user.put("enabled", false);
        expect(call("PUT", "/users/" + userId, user), 204);
    }

    /** An access token of a user, by the password grant of the CLI client. */
    public String accessToken(String username, String password) {
        HttpResponse<String> answer = keycloak.passwordGrant(REALM, "tessera-cli", null, username, password);
        expect(answer, 200);
        return json(answer).path("access_token").asText();
    }

    /** An access token a client gets for itself (the client-credentials grant), as a pipeline's is. */
    public String clientToken(String clientId, String secret) {
        return json(keycloak.clientCredentials(REALM, clientId, secret))
                .path("access_token")
                .asText();
    }

    private HttpResponse<String> call(String method, String path, Object body) {
        String token = json(keycloak.adminToken()).path("access_token").asText();
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Events.JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/"
                            + URLEncoder.encode(REALM, StandardCharsets.UTF_8) + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .method(method, publisher)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        expect(response, 200);
        try {
            return Events.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}

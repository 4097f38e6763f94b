package dev.tessera.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testkit.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who calls the platform in the end-to-end tests, each with an access token issued by the stack's
 * real Keycloak. The realm export's demo users play the platform admin, the governance officer and
 * the data consumer; a domain owner is made for each domain a test creates the way an operator
 * would: a group under {@code /domains} and a user in it with the {@code domain-owner} role, through
 * Keycloak's admin REST API. Tokens are reused until shortly before they expire.
 */
final class Identities {

    /** The demo users' password in the realm export (deploy/keycloak/README.md). */
    private static final String DEMO_PASSWORD = "tessera-demo";
    /** The confidential CI client's demo secret in the realm export. */
    private static final String CI_SECRET = "tessera-ci-demo-secret-change-me";

    private static final String REALM = "tessera";
    private static final String OWNER_PASSWORD = UUID.randomUUID().toString();
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final KeycloakServer keycloak;
    private final PlatformClient http = new PlatformClient();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> owners = ConcurrentHashMap.newKeySet();

    private record Token(String value, Instant refreshAfter) {}

    Identities(KeycloakServer keycloak) {
        if (keycloak == null) {
            throw new IllegalStateException("the end-to-end stack runs without Keycloak");
        }
        this.keycloak = keycloak;
    }

    String platformAdmin() {
        return user("alice-admin", DEMO_PASSWORD);
    }

    String governanceOfficer() {
        return user("gina-governance", DEMO_PASSWORD);
    }

    String dataConsumer() {
        return user("carl-consumer", DEMO_PASSWORD);
    }

    /** A signed-in user without any Tessera role. */
    String noRole() {
        return user("nina-norole", DEMO_PASSWORD);
    }

    /** An ID token (not an access token) of the platform admin, as a confused client might send it. */
    String platformAdminIdToken() {
        HttpResponse<String> response =
                keycloak.passwordGrant(REALM, "tessera-cli", null, "alice-admin", DEMO_PASSWORD);
        try {
            return PlatformClient.JSON
                    .readTree(response.body())
                    .path("id_token")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An access token of the master realm's administrator: valid, but from another realm. */
    String otherRealmAdmin() {
        return read("the bootstrap admin", keycloak.adminToken()).value();
    }

    /** The CI pipeline's machine client (client credentials): lineage producer, retail domain owner. */
    String ciClient() {
        return cached("client:tessera-ci", () -> keycloak.clientCredentials(REALM, "tessera-ci", CI_SECRET));
    }

    /** The owner of {@code domain}: a user in the group {@code /domains/<domain>}, made on first use. */
    String domainOwner(String domain) {
        String username = "owner-" + domain;
        if (owners.add(domain)) {
            createOwner(domain, username);
        }
        return user(username, OWNER_PASSWORD);
    }

    /** The password of every owner {@link #domainOwner} makes, for signing in on Keycloak's login page. */
    String ownerPassword() {
        return OWNER_PASSWORD;
    }

    private String user(String username, String password) {
        return cached("user:" + username, () -> keycloak.passwordGrant(REALM, "tessera-cli", null, username, password));
    }

    private String cached(String key, java.util.function.Supplier<HttpResponse<String>> grant) {
        Token token = tokens.get(key);
        if (token == null || Instant.now().isAfter(token.refreshAfter())) {
            token = read(key, grant.get());
            tokens.put(key, token);
        }
        return token.value();
    }

    private static Token read(String who, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + who + ": " + response.body());
        }
        try {
            JsonNode body = PlatformClient.JSON.readTree(response.body());
            Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(60));
            return new Token(
                    body.path("access_token").asText(),
                    Instant.now().plus(lifetime).minus(EARLY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the domain's group and its owner through the admin REST API. */
    private void createOwner(String domain, String username) {
        String admin = read("the bootstrap admin", keycloak.adminToken()).value();
        String domains = groupId(admin, "domains");
        http.postJson(admin("/groups/" + domains + "/children"), admin, Map.of("name", domain))
                .expect(201);
        http.postJson(
                        admin("/users"),
                        admin,
                        Map.of(
                                "username",
                                username,
                                "enabled",
                                true,
                                "firstName",
                                "Owner",
                                "lastName",
                                domain,
                                "email",
                                username + "@example.org",
                                "emailVerified",
                                true,
                                "credentials",
                                List.of(Map.of("type", "password", "value", OWNER_PASSWORD, "temporary", false)),
                                "groups",
                                List.of("/domains/" + domain)))
                .expect(201);
        String userId = http.get(admin("/users?exact=true&username=" + encode(username)), admin)
                .expect(200)
                .at("/0/id")
                .asText();
        JsonNode role =
                http.get(admin("/roles/domain-owner"), admin).expect(200).body();
        http.postJson(admin("/users/" + userId + "/role-mappings/realm"), admin, List.of(role))
                .expect(204);
    }

    private String groupId(String admin, String path) {
        return http.get(admin("/group-by-path/" + path), admin)
                .expect(200)
                .at("/id")
                .asText();
    }

    private URI admin(String path) {
        return URI.create(keycloak.baseUrl() + "/admin/realms/" + REALM + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

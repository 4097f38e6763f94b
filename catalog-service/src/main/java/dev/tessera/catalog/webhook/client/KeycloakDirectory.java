package dev.tessera.catalog.webhook.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads accounts from Keycloak's admin REST API as the catalog's own service account (client credentials;
 * the account needs only {@code realm-management/view-users}): whether an account still exists and is
 * enabled, its effective realm roles and its domain groups ({@code /domains/<id>}, the groups the token's
 * {@code domains} claim is made from).
 */
@ApplicationScoped
public class KeycloakDirectory {

    private static final String DOMAIN_GROUPS = "/domains/";

    /**
     * An account as the directory has it now.
     *
     * @param enabled false for a disabled account
     * @param realmRoles effective realm roles, composites expanded
     * @param domains ids of the domain groups the account is a direct member of
     */
    public record Account(boolean enabled, Set<String> realmRoles, Set<String> domains) {}

    /** The directory could not answer; the caller must not assume anything about the account. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private record ServiceToken(String value, Instant renewAt) {}

    @Inject
    CatalogConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private volatile ServiceToken token;

    /**
     * The account with id {@code subject} (a token's {@code sub}), or, without one, the account with exactly
     * the user name {@code username}; empty when there is no such account.
     *
     * @throws Unavailable when Keycloak cannot be asked or answers unexpectedly
     */
    public Optional<Account> account(String subject, String username) {
        String id;
        JsonNode user;
        if (subject != null) {
            id = subject;
            HttpResponse<String> found = get("/users/" + encode(subject));
            if (found.statusCode() == 404) {
                return Optional.empty();
            }
            user = body(found);
        } else {
            JsonNode matches = body(get("/users?exact=true&briefRepresentation=true&username=" + encode(username)));
            user = null;
            for (JsonNode candidate : matches) {
                if (username.equalsIgnoreCase(candidate.path("username").asText())) {
                    user = candidate;
                }
            }
            if (user == null) {
                return Optional.empty();
            }
            id = user.path("id").asText();
        }
        if (!user.path("enabled").asBoolean(false)) {
            return Optional.of(new Account(false, Set.of(), Set.of()));
        }
        Set<String> roles = new HashSet<>();
        for (JsonNode role : body(get("/users/" + encode(id) + "/role-mappings/realm/composite"))) {
            roles.add(role.path("name").asText());
        }
        Set<String> domains = new HashSet<>();
        for (JsonNode group : body(get("/users/" + encode(id) + "/groups?briefRepresentation=true&max=1000"))) {
            String path = group.path("path").asText("");
            String rest = path.startsWith(DOMAIN_GROUPS) ? path.substring(DOMAIN_GROUPS.length()) : "";
            if (!rest.isEmpty() && !rest.contains("/")) {
                domains.add(rest);
            }
        }
        return Optional.of(new Account(true, Set.copyOf(roles), Set.copyOf(domains)));
    }

    private HttpResponse<String> get(String path) {
        HttpResponse<String> answer = send(path, serviceToken(false));
        if (answer.statusCode() == 401) {
            // Revoked or expired early: one more try with a new token.
            answer = send(path, serviceToken(true));
        }
        return answer;
    }

    private HttpResponse<String> send(String path, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl() + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .timeout(config.webhooks().ownerRights().timeout())
                .GET()
                .build();
        return exchange(request);
    }

    private JsonNode body(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new Unavailable(
                    "Keycloak answered " + answer.statusCode() + " to "
                            + answer.request().uri().getPath(),
                    null);
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new Unavailable("Keycloak's answer is not JSON", e);
        }
    }

    private String serviceToken(boolean renew) {
        ServiceToken current = token;
        if (!renew && current != null && Instant.now().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (this) {
            current = token;
            if (!renew && current != null && Instant.now().isBefore(current.renewAt())) {
                return current.value();
            }
            CatalogConfig.OwnerRights settings = config.webhooks().ownerRights();
            String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret="
                    + encode(settings.clientSecret().orElse(""));
            HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(settings.timeout())
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            JsonNode answer = body(exchange(request));
            long lifetime = answer.path("expires_in").asLong(60);
            // Renewed well before it expires, so a token never runs out between check and use.
            token = new ServiceToken(
                    answer.path("access_token").asText(), Instant.now().plusSeconds(Math.max(1, lifetime / 2)));
            return token.value();
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("Keycloak did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking Keycloak", e);
        }
    }

    private String realmUrl() {
        String url = config.webhooks()
                .ownerRights()
                .realmUrl()
                .orElseThrow(() -> new Unavailable("tessera.catalog.webhooks.owner-rights.realm-url is not set", null));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code <base>/realms/<realm>} becomes {@code <base>/admin/realms/<realm>}. */
    private String adminUrl() {
        String realm = realmUrl();
        int at = realm.lastIndexOf("/realms/");
        if (at < 0) {
            throw new Unavailable("the realm URL does not end in /realms/<realm>", null);
        }
        return realm.substring(0, at) + "/admin" + realm.substring(at);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

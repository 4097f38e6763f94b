package dev.tessera.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.CliException;
import dev.tessera.cli.Output;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The identity provider's token endpoints, as the command line uses them: the device authorization grant (RFC 8628) for
 * people, client credentials for CI, and refreshes. Endpoints come from the issuer's discovery document.
 */
public final class Oidc {

    /** The realm the local stack and its tests start; the default when TESSERA_ISSUER is not set. */
    public static final String DEFAULT_ISSUER = "http://localhost:8180/realms/tessera";

    /** The realm's client for people on a terminal. */
    public static final String CLI_CLIENT = "tessera-cli";

    private final String issuer;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private JsonNode discovery;

    public Oidc(String issuer) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The issuer named by {@code TESSERA_ISSUER}, else {@link #DEFAULT_ISSUER}. */
    public static String configuredIssuer() {
        String issuer = System.getenv("TESSERA_ISSUER");
        return issuer == null || issuer.isBlank() ? DEFAULT_ISSUER : issuer;
    }

    public String issuer() {
        return issuer;
    }

    /**
     * What the person must do to approve a device login.
     *
     * @param deviceCode the code the command line polls with
     * @param userCode the code the person types
     * @param verificationUri where to type it
     * @param verificationUriComplete the same page with the code filled in, if the provider offers one
     * @param intervalSeconds how long to wait between polls
     * @param expiresIn seconds until the codes expire
     */
    public record DeviceAuthorization(
            String deviceCode,
            String userCode,
            String verificationUri,
            String verificationUriComplete,
            int intervalSeconds,
            int expiresIn) {}

    /** Starts a device login for {@code clientId}. */
    public DeviceAuthorization startDeviceLogin(String clientId) throws IOException {
        JsonNode answer =
                post(endpoint("device_authorization_endpoint"), Map.of("client_id", clientId, "scope", "openid"));
        if (!answer.has("device_code")) {
            throw new CliException("the identity provider refused a device login for " + clientId + ": "
                    + answer.path("error_description")
                            .asText(answer.path("error").asText("no reason given")));
        }
        return new DeviceAuthorization(
                answer.path("device_code").asText(),
                answer.path("user_code").asText(),
                answer.path("verification_uri").asText(),
                answer.path("verification_uri_complete").asText(null),
                answer.path("interval").asInt(5),
                answer.path("expires_in").asInt(600));
    }

    /**
     * Polls until the person approves or denies the device login, or the codes expire.
     *
     * @throws CliException when denied or expired
     */
    public StoredTokens awaitDeviceLogin(String clientId, DeviceAuthorization device) throws IOException {
        long interval = Math.max(1, device.intervalSeconds());
        Instant deadline = Instant.now().plusSeconds(device.expiresIn());
        while (Instant.now().isBefore(deadline)) {
            sleep(interval);
            JsonNode answer = post(
                    endpoint("token_endpoint"),
                    Map.of(
                            "grant_type",
                            "urn:ietf:params:oauth:grant-type:device_code",
                            "client_id",
                            clientId,
                            "device_code",
                            device.deviceCode()));
            String error = answer.path("error").asText("");
            switch (error) {
                case "" -> {
                    return tokens(clientId, answer);
                }
                case "authorization_pending" -> {}
                case "slow_down" -> interval += 5;
                case "access_denied" -> throw new CliException("the login was denied");
                case "expired_token" -> throw new CliException("the login code expired; run 'tessera login' again");
                default ->
                    throw new CliException("the identity provider refused the login: "
                            + answer.path("error_description").asText(error));
            }
        }
        throw new CliException("the login code expired; run 'tessera login' again");
    }

    /** Tokens for a CI client, by client credentials. */
    public StoredTokens clientCredentials(String clientId, String secret) throws IOException {
        JsonNode answer = post(
                endpoint("token_endpoint"),
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        if (!answer.has("access_token")) {
            throw new CliException("the identity provider refused client " + clientId + ": "
                    + answer.path("error_description")
                            .asText(answer.path("error").asText("no reason given")));
        }
        return tokens(clientId, answer);
    }

    /** New tokens for a refresh token. */
    public StoredTokens refresh(StoredTokens old) throws IOException {
        JsonNode answer = post(
                endpoint("token_endpoint"),
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        old.clientId(),
                        "refresh_token",
                        old.refreshToken()));
        if (!answer.has("access_token")) {
            throw new CliException("the session has ended ("
                    + answer.path("error_description")
                            .asText(answer.path("error").asText("refresh refused"))
                    + "); run 'tessera login'");
        }
        return tokens(old.clientId(), answer);
    }

    private StoredTokens tokens(String clientId, JsonNode answer) {
        long now = Instant.now().getEpochSecond();
        long refreshIn = answer.path("refresh_expires_in").asLong(0);
        return new StoredTokens(
                issuer,
                clientId,
                answer.path("access_token").asText(),
                now + answer.path("expires_in").asLong(60),
                answer.path("refresh_token").asText(null),
                refreshIn > 0 ? now + refreshIn : 0);
    }

    private String endpoint(String name) throws IOException {
        if (discovery == null) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(15))
                            .GET()
                            .build());
            if (response.statusCode() != 200) {
                throw new CliException("no identity provider at " + issuer + " (discovery answered "
                        + response.statusCode() + "); set TESSERA_ISSUER or --issuer");
            }
            discovery = Output.JSON.readTree(response.body());
        }
        String url = discovery.path(name).asText("");
        if (url.isEmpty()) {
            throw new CliException("the identity provider at " + issuer + " offers no " + name);
        }
        return url;
    }

    private JsonNode post(String url, Map<String, String> form) throws IOException {
        String body = new LinkedHashMap<>(form)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        JsonNode answer = Output.JSON.readTree(response.body().isBlank() ? "{}" : response.body());
        return answer == null ? Output.JSON.createObjectNode() : answer;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Waits between polls of the token endpoint during a device login. The wait is the protocol's, not a
     * guess: RFC 8628 tells the client to poll no faster than the interval the server gave (and to add
     * five seconds on {@code slow_down}); there is no event to wait on, the user approves in a browser.
     */
    private static void sleep(long seconds) throws IOException {
        try {
            Thread.sleep(Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

package dev.tessera.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tessera.portal.config.PortalConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The portal's only way to the platform: calls through the gateway carrying the signed-in user's own
 * access token, so every answer is exactly what that user may read. Calls never throw for an error
 * answer or an unreachable gateway: they complete with an {@link ApiResponse} saying so, and the
 * page decides what the user sees.
 */
@ApplicationScoped
public class GatewayClient {

    private static final Logger LOG = Logger.getLogger(GatewayClient.class);

    private final HttpClient http;
    private final PortalConfig config;
    private final ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @Inject
    public GatewayClient(PortalConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        // HTTP/1.1 with keep-alive: the JDK client's default offers an h2c upgrade on every new connection,
        // which a request with a body (a form's POST) must not depend on.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.callTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET a JSON resource, e.g. {@code get("/api/catalog/v1/search", Map.of("q", List.of("orders")))}. */
    public CompletableFuture<ApiResponse> get(String path, Map<String, List<String>> query) {
        return send(request(path + queryString(query)).GET().header("Accept", "application/json"));
    }

    public CompletableFuture<ApiResponse> get(String path) {
        return get(path, Map.of());
    }

    /** GET a document in a given representation (downloads: YAML descriptors). */
    public CompletableFuture<ApiResponse> download(String path, String accept) {
        return send(request(path).GET().header("Accept", accept));
    }

    /** POST a JSON body. */
    public CompletableFuture<ApiResponse> post(String path, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not serialisable as JSON", e);
        }
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json"));
    }

    /** Encodes one path segment (a product id or port name typed into a URL). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + pathAndQuery))
                .timeout(config.callTimeout());
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token.getToken());
        }
        return builder;
    }

    private CompletableFuture<ApiResponse> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(this::parse)
                .exceptionally(e -> {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    String why = cause instanceof HttpTimeoutException ? "timeout" : "unreachable";
                    LOG.debugf("Gateway call %s %s: %s", request.method(), request.uri(), why);
                    return ApiResponse.noAnswer(why);
                });
    }

    private ApiResponse parse(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse(null);
        JsonNode body = MissingNode.getInstance();
        if (type != null && type.contains("json") && !response.body().isEmpty()) {
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                LOG.debugf("Gateway answered %s with a body that is not JSON", response.uri());
            }
        }
        return ApiResponse.answered(response.statusCode(), body, response.body(), type);
    }

    private static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package dev.tessera.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.cli.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The platform's HTTP API through the gateway: JSON in and out, the bearer token on every call. Answers of any status
 * come back as {@link ApiResponse}; only a failed connection throws ({@link IOException}, which {@code Main} turns into
 * one line).
 */
public final class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final Supplier<String> token;
    private final HttpClient client;
    private String bearer;

    /**
     * @param base the gateway, without a trailing slash
     * @param token gives the bearer token; asked once, on the first call, so commands that never call need no login
     */
    public Api(String base, Supplier<String> token) {
        this.base = base;
        this.token = token;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The gateway this client calls. */
    public String base() {
        return base;
    }

    public ApiResponse get(String path) throws IOException {
        return send(request(path).GET());
    }

    public ApiResponse postJson(String path, Object body) throws IOException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(body))));
    }

    public ApiResponse put(String path, byte[] body, String contentType) throws IOException {
        return send(
                request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public ApiResponse post(String path, byte[] body, String contentType) throws IOException {
        return send(
                request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** One path segment or query value, percent-encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        if (bearer == null) {
            bearer = token.get();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private ApiResponse send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return ApiResponse.of(response.statusCode(), parse(response.body()), response.body());
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Output.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static byte[] json(Object body) {
        try {
            return Output.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

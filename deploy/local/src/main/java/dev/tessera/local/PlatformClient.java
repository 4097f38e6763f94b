package dev.tessera.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for seeding the demo estate and for the end-to-end tests. */
public final class PlatformClient {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: its status and its body read as JSON (missing when empty or not JSON). */
    public record Reply(int status, JsonNode body, String raw) {

        public JsonNode at(String pointer) {
            return body.at(pointer);
        }

        /** Fails with the body when the status is not {@code expected}. */
        public Reply expect(int... expected) {
            for (int e : expected) {
                if (status == e) {
                    return this;
                }
            }
            throw new IllegalStateException(
                    "expected HTTP " + java.util.Arrays.toString(expected) + " but got " + status + ": " + raw);
        }
    }

    public Reply get(URI uri, String token) {
        return send(request(uri, token).GET().build());
    }

    public Reply post(URI uri, String token, String contentType, String body) {
        return send(request(uri, token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public Reply postJson(URI uri, String token, Object body) {
        return post(uri, token, "application/json", write(body));
    }

    public Reply put(URI uri, String token, String contentType, String body) {
        return send(request(uri, token)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.header("Accept", "application/json");
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tessera.catalog.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that receives webhook deliveries and answers with a chosen status, for
 * tests of signatures, retries and dead-lettering.
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param headers header name (lower case) -> first value
     * @param body the raw body
     */
    public record Received(Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    /** Starts a receiver answering 204. */
    public static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    /** The URL to subscribe. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers every further request with this status. */
    public void answer(int code) {
        status.set(code);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests carrying a given CloudEvents id. */
    public List<Received> withEventId(String id) {
        return received.stream()
                .filter(r -> id.equals(r.headers().get("ce-id")))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

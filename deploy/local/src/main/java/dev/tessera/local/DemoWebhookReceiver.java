package dev.tessera.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo estate's webhook subscriber: receives the catalog's CloudEvents deliveries on the local
 * machine, checks each signature, and appends one line per delivery to {@code webhooks.jsonl}, the
 * way a downstream team's receiver would.
 */
public final class DemoWebhookReceiver implements AutoCloseable {

    /** The demo subscription's shared secret (demo only). */
    public static final String SECRET = "tessera-demo-webhook-secret";

    public static final int PORT = 8089;

    private final HttpServer server;
    private final Path file;

    private DemoWebhookReceiver(HttpServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    public static DemoWebhookReceiver start(int port, Path file) {
        try {
            Files.createDirectories(file.getParent());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 20);
            DemoWebhookReceiver receiver = new DemoWebhookReceiver(server, file);
            server.createContext("/hook", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new StackException(
                    "could not start the demo webhook receiver on port " + port + ": " + e.getMessage());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Tessera-Signature");
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("ceId", exchange.getRequestHeaders().getFirst("ce-id"));
            line.put("ceType", exchange.getRequestHeaders().getFirst("ce-type"));
            line.put("ceSubject", exchange.getRequestHeaders().getFirst("ce-subject"));
            line.put("signatureValid", signature != null && verify(signature, body));
            Files.writeString(
                    file,
                    PlatformClient.write(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static boolean verify(String signature, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected =
                    ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

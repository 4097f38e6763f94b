package dev.tessera.gateway.proxy;

import static dev.tessera.gateway.support.Calls.consumer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tessera.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (as the gateway ships outside tests), a proxied call carries the caller's trace
 * to the service, with the gateway's own span as the service's parent: one {@code traceparent},
 * the caller's trace id, a span id the caller did not send. That span is exported, named after
 * the call's route.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(TraceContextTest.Traced.class)
class TraceContextTest {

    /** The shipped tracing settings; spans go to {@link #EXPORTS}, an OTLP/HTTP endpoint that keeps what it receives. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled",
                    "false",
                    "quarkus.otel.exporter.otlp.traces.endpoint",
                    "http://127.0.0.1:" + EXPORTS.port());
        }
    }

    /**
     * Bodies of the OTLP/HTTP trace exports the gateway sent. They are protobuf: span names and
     * attribute values appear in them as UTF-8, trace and span ids as their raw bytes.
     */
    static final SpanExports EXPORTS = new SpanExports();

    static final class SpanExports {
        /**
         * Quarkus loads the test class and its profile in different class loaders, so each has its
         * own copy of {@link #EXPORTS}. The receiver is kept in the system properties, under JDK types
         * only, so both copies share the one server the gateway exports to.
         */
        private static final String SHARED = SpanExports.class.getName();

        private final List<byte[]> bodies;
        private final int port;

        @SuppressWarnings("unchecked")
        SpanExports() {
            synchronized (System.getProperties()) {
                Object[] shared = (Object[]) System.getProperties().get(SHARED);
                if (shared == null) {
                    shared = start();
                    System.getProperties().put(SHARED, shared);
                }
                bodies = (List<byte[]>) shared[0];
                port = (Integer) shared[1];
            }
        }

        private static Object[] start() {
            List<byte[]> received = new CopyOnWriteArrayList<>();
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                received.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return new Object[] {received, server.getAddress().getPort()};
        }

        int port() {
            return port;
        }

        /** Whether one export holds every one of these byte sequences. */
        boolean anyHolds(byte[]... parts) {
            return bodies.stream().anyMatch(body -> Arrays.stream(parts).allMatch(part -> indexOf(body, part) >= 0));
        }

        private static int indexOf(byte[] body, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= body.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (body[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    @Test
    void theServiceSeesTheCallersTraceWithTheGatewaysSpanAsParent() {
        String traceId = hex(16);
        String callersSpan = hex(8);

        String forwarded = consumer()
                .header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .get("/api/registry/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("headers.traceparent");

        assertThat(forwarded).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(forwarded).doesNotContain(callersSpan);

        // The span the service was given as parent is the gateway's, exported in the caller's
        // trace, as a child of the caller's span, named after the route rather than the raw path.
        byte[] gatewaySpan = HexFormat.of().parseHex(forwarded.substring(36, 52));
        Awaitility.await("the gateway's span in an export")
                .atMost(Duration.ofSeconds(20))
                .until(() -> EXPORTS.anyHolds(
                        HexFormat.of().parseHex(traceId),
                        gatewaySpan,
                        HexFormat.of().parseHex(callersSpan),
                        utf8("GET /api/registry/*"),
                        utf8("/api/registry/v1/products")));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallWithoutTraceStartsOneAtTheGateway() {
        String forwarded = consumer()
                .get("/api/registry/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("headers.traceparent");

        assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // an all-zero id is invalid
        return HexFormat.of().formatHex(b);
    }
}

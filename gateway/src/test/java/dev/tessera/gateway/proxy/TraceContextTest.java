package dev.tessera.gateway.proxy;

import static dev.tessera.gateway.support.Calls.consumer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.testkit.FreePorts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (as the gateway ships outside tests), a proxied call carries the caller's trace
 * to the service, with the gateway's own span as the service's parent: one {@code traceparent},
 * the caller's trace id, a span id the caller did not send.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(TraceContextTest.Traced.class)
class TraceContextTest {

    /** The shipped tracing settings; spans go to a port where nothing listens. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled",
                    "false",
                    "quarkus.otel.exporter.otlp.traces.endpoint",
                    "http://127.0.0.1:" + FreePorts.next());
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

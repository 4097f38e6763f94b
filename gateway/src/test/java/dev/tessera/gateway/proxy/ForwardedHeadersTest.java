package dev.tessera.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** What crosses the gateway in each direction, whatever the case of the header names. */
class ForwardedHeadersTest {

    @Test
    void hopByHopIdentityAndForwardingHeadersStayBehindInAnyCase() {
        MultiMap in = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer t")
                .add("Accept", "application/json")
                .add("Connection", "keep-alive, X-Secret-Hop")
                .add("X-SECRET-HOP", "1")
                .add("KEEP-ALIVE", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("host", "gateway.example")
                .add("X-Forwarded-User", "root")
                .add("x-forwarded-for", "10.0.0.1")
                .add("X-USER-ROLES", "platform-admin")
                .add("x-Tessera-Caller", "root")
                .add("X-Request-Id", "forged")
                .add("If-None-Match", "\"1\"")
                .add("If-None-Match", "\"2\"");
        MultiMap out = MultiMap.caseInsensitiveMultiMap();

        ForwardedHeaders.copyRequest(in, out);

        assertThat(out.names()).containsExactlyInAnyOrder("Authorization", "Accept", "If-None-Match");
        assertThat(out.getAll("if-none-match")).containsExactly("\"1\"", "\"2\"");
    }

    @Test
    void aBackendCannotOverwriteWhatTheGatewaySetButItsRepeatedHeadersArriveWhole() {
        MultiMap fromBackend = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/json")
                .add("x-frame-options", "ALLOWALL")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .add("Connection", "close, X-Internal")
                .add("X-Internal", "1")
                .add("Content-Length", "10");
        MultiMap reply = MultiMap.caseInsensitiveMultiMap().add("X-Frame-Options", "DENY");

        ForwardedHeaders.copyResponse(fromBackend, reply);

        assertThat(reply.getAll("X-Frame-Options")).containsExactly("DENY");
        assertThat(reply.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(reply.get("Content-Type")).isEqualTo("application/json");
        assertThat(reply.contains("X-Internal")).isFalse();
        assertThat(reply.contains("Connection")).isFalse();
        assertThat(reply.contains("Content-Length")).isFalse();
    }
}

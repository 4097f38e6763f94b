package dev.tessera.platform.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * Only a request with exactly one well-formed bearer header can be served from memory; every other
 * request goes to quarkus-oidc, which decides it.
 */
class BearerTokenTest {

    @Test
    void theTokenOfOneBearerHeaderIsTaken() {
        assertThat(TokenAuthentication.bearerToken(request("Bearer abc.def.ghi")))
                .isEqualTo("abc.def.ghi");
        assertThat(TokenAuthentication.bearerToken(request("bearer abc.def.ghi ")))
                .isEqualTo("abc.def.ghi");
    }

    @Test
    void noneOrSeveralHeadersAnotherSchemeOrAnEmptyTokenAreLeftToQuarkusOidc() {
        assertThat(TokenAuthentication.bearerToken(request())).isNull();
        assertThat(TokenAuthentication.bearerToken(request("Bearer a.b.c", "Bearer a.b.c")))
                .isNull();
        assertThat(TokenAuthentication.bearerToken(request("Basic YWxpY2U6c2VjcmV0")))
                .isNull();
        assertThat(TokenAuthentication.bearerToken(request("Bearer"))).isNull();
        assertThat(TokenAuthentication.bearerToken(request("Bearer    "))).isNull();
        assertThat(TokenAuthentication.bearerToken(request("Bearerabc.def.ghi")))
                .isNull();
    }

    /** A routing context whose request carries these {@code Authorization} headers and nothing else. */
    private static RoutingContext request(String... authorization) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String value : authorization) {
            headers.add("Authorization", value);
        }
        HttpServerRequest request = stub(HttpServerRequest.class, "headers", headers);
        return stub(RoutingContext.class, "request", request);
    }

    /** An instance of {@code type} that answers {@code method} with {@code answer} and refuses anything else. */
    private static <T> T stub(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method) && (args == null || args.length == 0)) {
                return answer;
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }
}

package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.platform.http.security.TokenAuthentication;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A token the gateway remembers as verified is still refused the moment it expires. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RememberedTokensTest {

    @Inject
    TokenAuthentication authentication;

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        // A first call warms the client and the gateway, so the short lifetime below is spent on the test.
        Calls.consumer().get("/api/registry/v1/products").then().statusCode(200);
        Instant now = Instant.now();
        String token = Jwt.issuer(TestTokens.ISSUER)
                .subject("short-lived")
                .audience(TestTokens.AUDIENCE)
                .claim("azp", "tessera-cli")
                .claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", List.of("data-consumer")))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofSeconds(20)))
                .jws()
                .keyId(TestTokens.KEY_ID)
                .sign(signingKey());
        int remembered = authentication.remembered();

        Calls.as(token).get("/api/registry/v1/products").then().statusCode(200);
        Calls.as(token).get("/api/registry/v1/products").then().statusCode(200);
        assertThat(authentication.remembered()).isEqualTo(remembered + 1);

        Awaitility.await("the expired token refused")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Calls.as(token).get("/api/registry/v1/products").statusCode() == 401);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        int remembered = authentication.remembered();
        Calls.as(TestTokens.signedByForeignKey("mallory", java.util.Set.of("platform-admin")))
                .get("/api/registry/v1/products")
                .then()
                .statusCode(401);
        assertThat(authentication.remembered()).isEqualTo(remembered);
    }

    /** The key {@link TestTokens} signs with, for a token with a lifetime of a few seconds. */
    private static PrivateKey signingKey() throws IOException, GeneralSecurityException {
        try (InputStream in = TestTokens.class.getResourceAsStream("/tessera-testkit/test-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        }
    }
}

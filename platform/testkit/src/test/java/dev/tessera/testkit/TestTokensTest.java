package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

class TestTokensTest {

    private static final JwtConsumer VERIFIER = new JwtConsumerBuilder()
            .setVerificationKey(TestTokens.publicKey())
            .setExpectedIssuer(TestTokens.ISSUER)
            .setExpectedAudience(TestTokens.AUDIENCE)
            .setRequireExpirationTime()
            .build();

    @Test
    void domainOwnerTokenCarriesRolesAndGroupPathsVerifiableWithThePublishedKey() throws Exception {
        var claims = VERIFIER.processToClaims(TestTokens.domainOwner("retail", "finance"));

        assertThat(claims.getSubject()).isEqualTo("dora-retail-finance");
        assertThat(claims.getStringListClaimValue("domains")).containsExactly("/domains/retail", "/domains/finance");
        assertThat(claims.getClaimValue("realm_access").toString()).contains("domain-owner");
    }

    @Test
    void foreignKeyTokenFailsVerification() {
        String token = TestTokens.signedByForeignKey("mallory", Set.of("platform-admin"));

        assertThatThrownBy(() -> VERIFIER.processToClaims(token)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void expiredTokenFailsVerification() {
        String token = TestTokens.expired("old", Set.of("data-consumer"));

        assertThatThrownBy(() -> VERIFIER.processToClaims(token)).isInstanceOf(InvalidJwtException.class);
    }
}

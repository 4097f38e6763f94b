package dev.tessera.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the remembered-token cache serves, and for how long. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedTokens tokens = new VerifiedTokens(now::get);
    private final QuarkusSecurityIdentity alice = QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "alice")
            .addRole("lineage-producer")
            .build();

    @Test
    void onlyTheIdenticalTokenIsServed() {
        tokens.remember("header.payload.signature", alice, now.get() + 300);

        assertThat(tokens.find("header.payload.signature")).isSameAs(alice);
        assertThat(tokens.find("header.payload.signaturf")).isNull();
        assertThat(tokens.find("header.payload")).isNull();
    }

    @Test
    void aTokenIsServedUntilItExpiresAndNotAfter() {
        tokens.remember("t", alice, now.get() + 10);

        now.addAndGet(9);
        assertThat(tokens.find("t")).isSameAs(alice);
        now.addAndGet(1);
        assertThat(tokens.find("t")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        tokens.remember("t", alice, now.get() + 3_600);

        now.addAndGet(VerifiedTokens.MAX_AGE_SECONDS - 1);
        assertThat(tokens.find("t")).isSameAs(alice);
        now.addAndGet(1);
        assertThat(tokens.find("t")).isNull();
    }

    @Test
    void anExpiredTokenIsNotRemembered() {
        tokens.remember("t", alice, now.get());

        assertThat(tokens.find("t")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void manyDistinctTokensStayWithinTheBound() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES * 2 + 5; i++) {
            tokens.remember("token-" + i, alice, now.get() + 300);
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
        assertThat(tokens.find("token-" + (VerifiedTokens.MAX_ENTRIES * 2 + 4))).isSameAs(alice);
    }
}

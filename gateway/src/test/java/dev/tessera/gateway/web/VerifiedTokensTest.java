package dev.tessera.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A verified token is served again only while it is unexpired, recently verified and byte-for-byte the same. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedTokens tokens = new VerifiedTokens(now::get);

    private static SecurityIdentity identity(String name) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> name)
                .addRole("data-consumer")
                .build();
    }

    @Test
    void aTokenIsNoLongerServedOnceItExpires() {
        SecurityIdentity alice = identity("alice");
        tokens.put("token-a", alice, now.get() + 30);

        now.addAndGet(29);
        assertThat(tokens.get("token-a")).isSameAs(alice);
        now.addAndGet(1);
        assertThat(tokens.get("token-a")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        tokens.put("token-b", identity("bob"), now.get() + 3600);

        now.addAndGet(VerifiedTokens.MAX_AGE_SECONDS - 1);
        assertThat(tokens.get("token-b")).isNotNull();
        now.addAndGet(1);
        assertThat(tokens.get("token-b")).isNull();
    }

    @Test
    void onlyTheIdenticalTokenMatchesAndAnExpiredOneIsNeverStored() {
        tokens.put("header.payload.signature", identity("carol"), now.get() + 300);

        assertThat(tokens.get("header.payload.signaturf")).isNull();
        assertThat(tokens.get("header.payload.signature ")).isNull();
        assertThat(tokens.get("header.payload.signature")).isNotNull();

        tokens.put("old", identity("dave"), now.get());
        assertThat(tokens.get("old")).isNull();
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfDistinctTokens() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 500; i++) {
            tokens.put("t" + i, identity("u" + i), now.get() + 300);
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
    }
}

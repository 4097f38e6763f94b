package dev.tessera.platform.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A verified token is served again only while it is unexpired, recently verified and exactly the same. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedTokens tokens = new VerifiedTokens(now::get);
    private final SecurityIdentity alice = identity("alice");

    private static SecurityIdentity identity(String name) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> name)
                .addRole("data-consumer")
                .build();
    }

    @Test
    void onlyTheIdenticalTokenIsServed() {
        tokens.remember("header.payload.signature", alice, now.get() + 300);

        assertThat(tokens.find("header.payload.signature")).isSameAs(alice);
        assertThat(tokens.find("header.payload.signaturf")).isNull();
        assertThat(tokens.find("header.payload.signature ")).isNull();
        assertThat(tokens.find("header.payload")).isNull();
    }

    @Test
    void tokensThatDifferOnlyBeyondAsciiAreDifferentTokens() {
        tokens.remember("header.payload.sig\u00e9", alice, now.get() + 300);

        assertThat(tokens.find("header.payload.sig\u00e8")).isNull();
        assertThat(tokens.find("header.payload.sig?")).isNull();
        assertThat(tokens.find("header.payload.sig\u00e9")).isSameAs(alice);
    }

    @Test
    void aTokenIsServedUntilItExpiresAndNotAfter() {
        tokens.remember("t", alice, now.get() + 30);

        now.addAndGet(29);
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
    void aTokenVerifiedAgainIsServedFromItsLatestVerification() {
        tokens.remember("t", alice, now.get() + 3_600);
        now.addAndGet(VerifiedTokens.MAX_AGE_SECONDS - 10);
        SecurityIdentity again = identity("alice-again");
        tokens.remember("t", again, now.get() + 3_600);

        now.addAndGet(20);
        assertThat(tokens.find("t")).isSameAs(again);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsNeverStored() {
        tokens.remember("old", alice, now.get());
        tokens.remember("older", alice, now.get() - 10);

        assertThat(tokens.find("old")).isNull();
        assertThat(tokens.find("older")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aFloodOfDistinctTokensStaysWithinTheBoundAndTheNewestIsServed() {
        int flood = VerifiedTokens.MAX_ENTRIES * 2 + 5;
        for (int i = 0; i < flood; i++) {
            tokens.remember("token-" + i, identity("u" + i), now.get() + 300);
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
        assertThat(tokens.find("token-" + (flood - 1))).isNotNull();
    }

    @Test
    void whenFullExpiredEntriesGoFirstAndLiveOnesStay() {
        tokens.remember("long-lived", alice, now.get() + 300);
        for (int i = 1; i < VerifiedTokens.MAX_ENTRIES; i++) {
            tokens.remember("short-" + i, alice, now.get() + 5);
        }
        now.addAndGet(10);

        tokens.remember("newcomer", alice, now.get() + 300);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.find("long-lived")).isSameAs(alice);
        assertThat(tokens.find("newcomer")).isSameAs(alice);
    }

    @Test
    void aTokenAtItsExpiryInstantIsNoLongerServed() {
        tokens.remember("t", alice, now.get() + 1);

        assertThat(tokens.find("t")).isSameAs(alice);
        now.addAndGet(1);
        assertThat(tokens.find("t")).isNull();
    }
}

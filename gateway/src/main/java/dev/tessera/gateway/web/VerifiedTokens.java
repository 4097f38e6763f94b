package dev.tessera.gateway.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Identities of access tokens that passed full verification, so a client sending the same token
 * again is not charged a second RSA check and claims parse. An entry is served only while its
 * token is unexpired and for at most {@link #MAX_AGE_SECONDS} after it was verified (so a key
 * withdrawn from the realm stops its tokens here within that time, as a JWKS refresh would).
 * Entries are keyed by the SHA-256 of the token: only an identical token can ever match, and raw
 * tokens are not kept. Refused tokens are never stored.
 *
 * <p>One instance for the gateway: {@link ProblemChallenge} fills it as quarkus-oidc accepts tokens,
 * and {@link RememberedTokenProxy} reads it to proxy calls whose token it holds.
 */
@Singleton
final class VerifiedTokens {

    static final long MAX_AGE_SECONDS = 60;
    static final int MAX_ENTRIES = 10_000;

    private record Entry(SecurityIdentity identity, long usableUntil) {}

    private record Key(byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && MessageDigest.isEqual(digest, other.digest);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(digest);
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier epochSeconds;

    /**
     * One digest per thread, reused: looking one up per call ({@code MessageDigest.getInstance})
     * walks the provider list and the algorithm constraints and cost more than hashing the token.
     * Event-loop threads are few and live as long as the gateway.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    @Inject
    VerifiedTokens() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    VerifiedTokens(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    /** The identity verified for exactly this token, or null if there is none still usable. */
    SecurityIdentity get(String token) {
        Key key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (epochSeconds.getAsLong() >= entry.usableUntil()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified token's identity until the token's {@code exp} (epoch seconds), capped at the maximum age. */
    void put(String token, SecurityIdentity identity, long expiresAt) {
        long now = epochSeconds.getAsLong();
        long until = Math.min(expiresAt, now + MAX_AGE_SECONDS);
        if (until <= now) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> now >= e.usableUntil());
            if (entries.size() >= MAX_ENTRIES) {
                // A flood of distinct tokens must not grow memory without bound; a miss only costs a verification.
                entries.clear();
            }
        }
        entries.put(key(token), new Entry(identity, until));
    }

    int size() {
        return entries.size();
    }

    private static Key key(String token) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return new Key(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}

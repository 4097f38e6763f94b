package dev.tessera.platform.http.security;

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
 * Bearer tokens that passed quarkus-oidc's full verification (signature, issuer, audience, type,
 * expiry), with the identity it made of them. Clients send the same token with every call until it
 * nears expiry (a pipeline with each change, an OpenLineage integration with each event, a catalog
 * reader with each search); checking its RSA signature and parsing its claims again buys nothing, since
 * none of that can change while the token stays the same.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Only an identical token is served: the key is the SHA-256 of the whole token's UTF-8 bytes,
 *       compared in constant time; the raw token is not kept.
 *   <li>An entry is served until the token's {@code exp}, and at most {@link #MAX_AGE_SECONDS} after its
 *       verification, so a signing key withdrawn from the realm stops its tokens here about as soon as
 *       a key refresh would.
 *   <li>Refused tokens are never stored: only {@link TokenAuthentication} writes, and only identities
 *       quarkus-oidc accepted.
 *   <li>At most {@link #MAX_ENTRIES} entries: when full, expired entries go first, and if a flood of
 *       distinct tokens still fills it, everything goes (a miss costs one verification, never a refusal).
 * </ul>
 *
 * <p>One instance per application: {@link TokenAuthentication} fills it; the gateway's shortcut for
 * remembered tokens reads it too.
 */
@Singleton
public final class VerifiedTokens {

    /** Longest time a verification is trusted, in seconds, however long the token lives. */
    public static final long MAX_AGE_SECONDS = 60;

    /**
     * The bound on entries. Tokens live here at most a minute, so this is the number of distinct callers
     * per minute the memory serves without thrashing. The services see the same tokens the gateway
     * forwards, so both use one bound: the gateway's 10,000 (a service kept 4,096, which a load of
     * 8,000 distinct tokens through the gateway would have cleared over and over).
     */
    public static final int MAX_ENTRIES = 10_000;

    private record Entry(SecurityIdentity identity, long servedUntil) {}

    /** A token's digest as a map key: content equality, compared in constant time. */
    private record Key(byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && MessageDigest.isEqual(digest, other.digest);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "Key[sha256]";
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /**
     * One digest per thread, reused: {@code MessageDigest.getInstance} walks the security providers and
     * the algorithm constraints on every call, which costs more than hashing a token. Authentication
     * runs on the few event-loop threads, which live as long as the application.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /** With the system clock, in epoch seconds. */
    @Inject
    VerifiedTokens() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    /** With a clock in epoch seconds (tests move it). */
    VerifiedTokens(LongSupplier epochSeconds) {
        this.clock = epochSeconds;
    }

    /** The identity this exact token was verified as, while it may still be served; else null. */
    public SecurityIdentity find(String token) {
        Key key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.servedUntil()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified token until its {@code exp} (epoch seconds), at most the maximum age from now. */
    void remember(String token, SecurityIdentity identity, long expiresAt) {
        long now = clock.getAsLong();
        long until = Math.min(expiresAt, now + MAX_AGE_SECONDS);
        if (until <= now) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> now >= entry.servedUntil());
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key(token), new Entry(identity, until));
    }

    /** How many tokens are remembered now (expired ones included until they are looked up or swept). */
    public int size() {
        return entries.size();
    }

    private static Key key(String token) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return new Key(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}

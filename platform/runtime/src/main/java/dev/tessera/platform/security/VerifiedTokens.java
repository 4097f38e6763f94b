package dev.tessera.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens that passed quarkus-oidc's full verification (signature, issuer, audience, expiry),
 * with the identity it made of them. Clients send the same token with every call until it nears
 * expiry (an OpenLineage integration with each event, a catalog reader with each search, a pipeline
 * with each change); checking its RSA signature and parsing its claims again for each call buys
 * nothing, since none of that can change while the token stays the same.
 *
 * <p>Only an identical token is served: the key is the SHA-256 of the whole token (the raw token is
 * not kept). An entry is served until the token's {@code exp}, and at most {@link #MAX_AGE_SECONDS}
 * after its verification, so a signing key withdrawn from the realm stops its tokens here about as
 * soon as a key refresh would. Refused tokens are never stored (the caller only offers identities
 * that verified). The number of entries is bounded; when full, expired entries go first, and if a
 * flood of distinct tokens still fills it, everything goes: a miss only costs one verification.
 */
final class VerifiedTokens {

    static final long MAX_AGE_SECONDS = 60;
    static final int MAX_ENTRIES = 4_096;

    private record Entry(SecurityIdentity identity, long servedUntil) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /**
     * One digest per thread, reused: {@code MessageDigest.getInstance} walks the security providers
     * on every call, which costs more than hashing a token. Authentication runs on the few
     * event-loop threads, which live as long as the service.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /** With the system clock, in epoch seconds. */
    VerifiedTokens() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    /** With a clock in epoch seconds (tests move it). */
    VerifiedTokens(LongSupplier epochSeconds) {
        this.clock = epochSeconds;
    }

    /** The identity this exact token was verified as, while it may still be served; else null. */
    SecurityIdentity find(String token) {
        String key = digest(token);
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
        entries.put(digest(token), new Entry(identity, until));
    }

    int size() {
        return entries.size();
    }

    private static String digest(String token) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.tessera.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the caller's own if it is sane, otherwise a fresh one in UUID (version 4) form.
 *
 * <p>A request id correlates log lines, spans and audit entries; it is not a secret (it is sent back
 * to the caller, and a caller may choose its own). So it is drawn from the event loop's
 * {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}, whose {@code SecureRandom} costs a
 * lock and a kernel read on every request.
 */
public final class RequestIds {

    /** The longest id taken from a caller, as platform/runtime's {@code RequestIds} allows. */
    static final int MAX_LENGTH = 128;

    private RequestIds() {}

    /** A new random id, formatted like a version 4 UUID. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(high, low).toString();
    }

    /**
     * True if {@code id} may travel on unchanged: 1 to 128 of {@code A-Z a-z 0-9 . _ : -}, the same
     * rule as platform/runtime's {@code RequestIds}, so the id survives the hop to a service.
     */
    public static boolean isSane(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package dev.tessera.platform.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids, as the gateway and every service decide them: the caller's own {@value #HEADER} if it is
 * sane, otherwise a fresh one in UUID (version 4) form. One rule on both sides, so an id the gateway
 * accepted or made survives the hop to a service unchanged and joins the gateway's log lines, the
 * service's and its audit entries.
 *
 * <p>A request id correlates; it is not a secret (it is sent back to the caller, and a caller may choose
 * its own). So it is drawn from the current thread's {@link ThreadLocalRandom} rather than
 * {@link UUID#randomUUID()}, whose {@code SecureRandom} costs a lock and a kernel read on every request.
 * (The gateway's generator; the services used {@code randomUUID} until both shared this class.)
 */
public final class RequestIds {

    /** The header that carries a request id, both ways. */
    public static final String HEADER = "X-Request-Id";

    /** The longest id taken from a caller. */
    public static final int MAX_LENGTH = 128;

    private RequestIds() {}

    /** A new random id, formatted like a version 4 UUID. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(high, low).toString();
    }

    /** The caller's id if it {@linkplain #isSane is sane}, else a {@linkplain #next new} one. */
    public static String orNew(String given) {
        return given != null && isSane(given) ? given : next();
    }

    /**
     * True if {@code id} may travel on unchanged: 1 to {@value #MAX_LENGTH} of {@code A-Z a-z 0-9 . _ : -}
     * (nothing a log line, a header or a query string would have to escape).
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

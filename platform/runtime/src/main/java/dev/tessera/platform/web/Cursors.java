package dev.tessera.platform.web;

import dev.tessera.platform.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: the last key of a page, Base64url-encoded so callers don't build them. */
public final class Cursors {

    /** Largest page a caller may ask for. */
    public static final int MAX_LIMIT = 200;

    public static final int DEFAULT_LIMIT = 50;

    private Cursors() {}

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a cursor; null for no cursor; 400 for one that was not made by {@link #encode}. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("cursor", "Pass back the `next` value of a previous page unchanged.");
        }
    }

    /** Validates a page size: default when absent, 400 outside 1..MAX_LIMIT. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return requested;
    }
}

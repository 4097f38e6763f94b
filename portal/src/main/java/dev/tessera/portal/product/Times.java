package dev.tessera.portal.product;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Instants as the platform's APIs write them (ISO 8601), shown to the minute in UTC. */
final class Times {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** {@code 2026-12-07T11:02:26.278266Z} as {@code 2026-12-07 11:02 UTC}; anything else as it is. */
    static String readable(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return MINUTE.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** An enum-like word ({@code PRODUCT_CHANGED}) as lower-case words ({@code product changed}). */
    static String words(String constant) {
        return constant == null
                ? null
                : constant.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}

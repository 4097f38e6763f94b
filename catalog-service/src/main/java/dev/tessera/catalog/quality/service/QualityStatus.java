package dev.tessera.catalog.quality.service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A product's (or one output port's) quality as governance last decided it. The catalog's API speaks of
 * it in lower case ({@code failing}), the events in upper case ({@code FAILING}); a product no status
 * event has been seen for is {@link #UNKNOWN}, so every product has exactly one value of the
 * {@code quality} facet.
 */
public enum QualityStatus {
    PASSING,
    FAILING,
    STALE,
    UNKNOWN;

    /** The values the API accepts and shows, in declaration order. */
    public static final List<String> API_VALUES =
            Arrays.stream(values()).map(QualityStatus::apiValue).toList();

    /** The name in the catalog's API and index. */
    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a value as an event or a caller writes it, in any case; empty for anything else. */
    public static Optional<QualityStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(upper)).findFirst();
    }

    /** An event's status; {@link #UNKNOWN} for one this version does not know, rather than a lost event. */
    public static QualityStatus ofEvent(String value) {
        return parse(value).orElse(UNKNOWN);
    }
}

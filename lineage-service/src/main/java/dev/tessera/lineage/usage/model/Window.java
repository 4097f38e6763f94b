package dev.tessera.lineage.usage.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The days a usage answer covers: the last {@code days} UTC days up to and including the day of
 * {@code asOf}. A run counts on the day of the earliest of its events.
 *
 * @param days how many days
 * @param from the first day
 * @param to the last day (the day of {@code asOf})
 * @param asOf when the answer was computed
 */
public record Window(int days, LocalDate from, LocalDate to, Instant asOf) {

    /** The window every tessera.usage record uses: 30 days. */
    public static final int EVENT_DAYS = 30;

    private static final long SECONDS_PER_DAY = 86_400;

    public static Window of(Instant asOf, int days) {
        LocalDate to = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        return new Window(days, to.minusDays(days - 1L), to, asOf);
    }

    /** The first instant of the window. */
    public Instant start() {
        // Called once per job of an answer: from the epoch day, without a date-time on the way.
        return Instant.ofEpochSecond(from.toEpochDay() * SECONDS_PER_DAY);
    }

    /** Whether an instant falls in the window (not before its first day, not after {@code asOf}). */
    public boolean contains(Instant at) {
        return at != null && !at.isBefore(start()) && !at.isAfter(asOf);
    }
}

package dev.tessera.lineage.usage.rest;

import java.time.Instant;

/**
 * Instants as ISO-8601 text, character for character as {@link Instant#toString()} (and so the JSON
 * mapper) writes them, into a buffer the caller reuses: a usage answer holds two instants per job,
 * and each would otherwise leave a string and a formatter's builder behind. Years 0 to 9999 are
 * written here; an instant outside them is left to {@link Instant#toString()}.
 */
final class InstantText {

    /** The longest text {@link #format} writes: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    static final int MAX_LENGTH = 30;

    /** 0000-01-01T00:00:00Z. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    /** 10000-01-01T00:00:00Z. */
    private static final long END_SECOND = 253_402_300_800L;

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01. */
    private static final int DAYS_0000_03_01_TO_1970 = 719_468;

    private static final int DAYS_PER_400_YEARS = 146_097;

    private InstantText() {}

    /**
     * Writes {@code at} into {@code into} (at least {@link #MAX_LENGTH} long) from its start: the
     * date, the time to the second, the fraction in groups of three digits when there is one, then
     * {@code Z}. Returns how many characters it wrote, or -1 when the year is outside 0 to 9999.
     */
    static int format(Instant at, char[] into) {
        long seconds = at.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return -1;
        }
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // The civil date, counted in eras of 400 years that start on 1 March so that the leap day
        // ends each year; March is month 0 of such a year.
        long days = epochDay + DAYS_0000_03_01_TO_1970;
        long era = Math.floorDiv(days, DAYS_PER_400_YEARS);
        int dayOfEra = (int) (days - era * DAYS_PER_400_YEARS);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = (int) (era * 400 + yearOfEra) + (month <= 2 ? 1 : 0);

        digits(year, 4, into, 0);
        into[4] = '-';
        digits(month, 2, into, 5);
        into[7] = '-';
        digits(dayOfMonth, 2, into, 8);
        into[10] = 'T';
        digits(secondOfDay / 3600, 2, into, 11);
        into[13] = ':';
        digits(secondOfDay / 60 % 60, 2, into, 14);
        into[16] = ':';
        digits(secondOfDay % 60, 2, into, 17);
        int length = 19;
        int nano = at.getNano();
        if (nano > 0) {
            into[length++] = '.';
            if (nano % 1_000_000 == 0) {
                length = digits(nano / 1_000_000, 3, into, length);
            } else if (nano % 1_000 == 0) {
                length = digits(nano / 1_000, 6, into, length);
            } else {
                length = digits(nano, 9, into, length);
            }
        }
        into[length++] = 'Z';
        return length;
    }

    /** Writes {@code value} as {@code width} digits, zero-padded, from {@code at}; returns the end. */
    private static int digits(int value, int width, char[] into, int at) {
        int end = at + width;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }
}

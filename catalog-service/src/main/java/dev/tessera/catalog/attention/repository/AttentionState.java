package dev.tessera.catalog.attention.repository;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A product's attention bookkeeping: what was last sent about it and what happened since.
 *
 * @param productId the product
 * @param domainId its domain, as its page last showed it
 * @param sequence how many attention records were sent about it
 * @param lastViewedAt when a person last opened its page, or null
 * @param lastViewDay the (UTC) day of that view, or null
 * @param sentAt when the last record was sent, or null before the first
 * @param pending whether views arrived since the last record that no record reports yet
 * @param sent the counts the last record reported
 * @param countedDay the day the counts were last compared with the last record's, or null
 */
public record AttentionState(
        String productId,
        String domainId,
        long sequence,
        Instant lastViewedAt,
        LocalDate lastViewDay,
        Instant sentAt,
        boolean pending,
        Counts sent,
        LocalDate countedDay) {

    /**
     * Page views (one per person and day), distinct people, and views from search hits (one per person
     * and day), over some days.
     */
    public record Counts(long pageViews, long viewers, long clickThroughs) {

        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /** After a view at {@code at}: the latest view moves forward, never back. */
    public AttentionState viewed(Instant at, LocalDate day) {
        boolean later = lastViewedAt == null || at.isAfter(lastViewedAt);
        return new AttentionState(
                productId,
                domainId,
                sequence,
                later ? at : lastViewedAt,
                lastViewDay == null || day.isAfter(lastViewDay) ? day : lastViewDay,
                sentAt,
                pending,
                sent,
                countedDay);
    }

    /** With views no record reports yet. */
    public AttentionState withPending() {
        return new AttentionState(
                productId, domainId, sequence, lastViewedAt, lastViewDay, sentAt, true, sent, countedDay);
    }

    /** After record {@code sequence} reported {@code counts} at {@code at}, counted on {@code day}. */
    public AttentionState sent(long sequence, Instant at, Counts counts, LocalDate day) {
        return new AttentionState(productId, domainId, sequence, lastViewedAt, lastViewDay, at, false, counts, day);
    }

    /** After the counts were found unchanged on {@code day}. */
    public AttentionState counted(LocalDate day) {
        return new AttentionState(productId, domainId, sequence, lastViewedAt, lastViewDay, sentAt, pending, sent, day);
    }
}

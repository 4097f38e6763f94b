package dev.tessera.lineage.usage.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What lineage has stored about one product's usage, read in one round trip, before anything is
 * decided: who declared an input port on it, who holds or held a grant, which jobs read it, the
 * runs per day, the catalog's attention and what the last tessera.usage record said.
 *
 * @param productId the product
 * @param domainId its domain, when known
 * @param publishedAt when it was last published; null while unpublished
 * @param declared consuming products with an input port on one of its contracts, with their domains
 * @param grants grants that are or were ACTIVE on its ports
 * @param jobs the jobs that ever read it (its own jobs excluded), with their runs in the window
 * @param days runs per day within the window (days without runs absent)
 * @param attention the catalog's attention; null when the catalog never reported any
 * @param reported what the product's tessera.usage records said last
 */
public record UsageFacts(
        String productId,
        String domainId,
        Instant publishedAt,
        Map<String, String> declared,
        List<Grant> grants,
        List<JobUsage> jobs,
        Map<LocalDate, Long> days,
        Attention attention,
        Reported reported) {

    /**
     * What the product's tessera.usage records said last.
     *
     * @param sequence the sequence of the last record; 0 before the first
     * @param counts the counts the last record carried (see {@link ProductUsage#counted()}); null
     *     before the first
     * @param refreshedOn the day the sweep last looked at the counts
     * @param unused whether the sweep last reported it unused
     * @param consumers its consumers by key as last announced
     */
    public record Reported(
            long sequence, String counts, LocalDate refreshedOn, boolean unused, Map<String, Announced> consumers) {

        public static final Reported NOTHING = new Reported(0, null, null, false, Map.of());
    }

    /** A consumer as last announced: its kinds and whether it was a shadow consumer. */
    public record Announced(boolean declared, boolean granted, boolean observed, boolean shadow) {

        public static final Announced NONE = new Announced(false, false, false, false);

        public boolean has(ConsumerKind kind) {
            return switch (kind) {
                case DECLARED -> declared;
                case GRANTED -> granted;
                case OBSERVED -> observed;
            };
        }
    }
}

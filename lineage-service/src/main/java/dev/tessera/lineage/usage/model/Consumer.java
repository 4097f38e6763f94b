package dev.tessera.lineage.usage.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One consumer of a product: a product when one is known, otherwise an observed job or a grant's
 * subject. A SHADOW consumer is observed reading within the window with neither an ACTIVE grant nor
 * a declared input port.
 *
 * @param key who it is ({@link ConsumerKeys})
 * @param kinds how it consumes the product; never empty
 * @param productId the consuming product, when known
 * @param domainId the consuming product's domain, when known
 * @param subject the grant's user or client, for a granted consumer without a product
 * @param jobs the jobs through which it read the product, most recent reader first
 * @param grants its grants on the product, ACTIVE or past
 */
public record Consumer(
        String key,
        Set<ConsumerKind> kinds,
        String productId,
        String domainId,
        String subject,
        List<JobUsage> jobs,
        List<Grant> grants) {

    /** Most recent reader first; consumers that never read after those that did, by key. */
    public static final Comparator<Consumer> MOST_RECENT_FIRST = Comparator.comparing(
                    Consumer::lastReadAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Consumer::key);

    public boolean shadow() {
        return kinds.contains(ConsumerKind.OBSERVED)
                && !kinds.contains(ConsumerKind.GRANTED)
                && !kinds.contains(ConsumerKind.DECLARED);
    }

    /** Distinct runs of its jobs that read the product within the window. */
    public long runs() {
        long runs = 0;
        for (JobUsage job : jobs) {
            runs += job.runs();
        }
        return runs;
    }

    public Instant firstReadAt() {
        Instant first = null;
        for (JobUsage job : jobs) {
            Instant at = job.firstReadAt();
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        return first;
    }

    public Instant lastReadAt() {
        return jobs.isEmpty() ? null : jobs.getFirst().lastReadAt();
    }

    /** The job that read the product last, for an observed consumer. */
    public String latestJob() {
        return jobs.isEmpty() ? null : jobs.getFirst().job();
    }
}

package dev.tessera.lineage.usage.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One product's usage over a window, decided from its {@link UsageFacts}: its consumers with their
 * kinds, the shadow consumers among them, the reads per day, and whether it is unused.
 *
 * <p>A product is unused when it is published and neither read by an observed run nor viewed in the
 * catalog for {@code unusedAfterDays} days, counted from its publication when that is later: a
 * product published yesterday is not unused. Unused does not depend on the window.
 *
 * @param productId the product
 * @param domainId its domain, when known
 * @param window the days the counts cover
 * @param consumers every consumer, most recent reader first
 * @param reads distinct runs that read the product within the window
 * @param lastReadAt when an observed run last read it, if one ever did
 * @param daily runs per day, every day of the window, oldest first
 * @param attention the catalog's attention, when it reported any
 * @param unusedAfterDays the threshold that decides {@code unused}
 * @param unusedSince when it became unused; null while it is used (or unpublished)
 * @param pastGrants grants that were ACTIVE and are not any more
 */
public record ProductUsage(
        String productId,
        String domainId,
        Window window,
        List<Consumer> consumers,
        long reads,
        Instant lastReadAt,
        List<DayCount> daily,
        Attention attention,
        int unusedAfterDays,
        Instant unusedSince,
        List<Grant> pastGrants) {

    /**
     * Most recent reader first, then by name. The repository reads the jobs in this order already,
     * which leaves the sort one pass; sorting again keeps the order this model's own.
     */
    private static final Comparator<JobUsage> MOST_RECENT_JOB_FIRST =
            Comparator.comparing(JobUsage::lastReadAt).reversed().thenComparing(JobUsage::job);

    /** Distinct consumers by kind. */
    public record Counts(int declared, int granted, int observed, int shadow, int total) {}

    public boolean unused() {
        return unusedSince != null;
    }

    public List<Consumer> shadowConsumers() {
        return consumers.stream().filter(Consumer::shadow).toList();
    }

    public Counts counts() {
        int declared = 0;
        int granted = 0;
        int observed = 0;
        int shadow = 0;
        for (Consumer consumer : consumers) {
            declared += consumer.kinds().contains(ConsumerKind.DECLARED) ? 1 : 0;
            granted += consumer.kinds().contains(ConsumerKind.GRANTED) ? 1 : 0;
            observed += consumer.kinds().contains(ConsumerKind.OBSERVED) ? 1 : 0;
            shadow += consumer.shadow() ? 1 : 0;
        }
        return new Counts(declared, granted, observed, shadow, consumers.size());
    }

    /**
     * Everything a tessera.usage record reports that can move without anything announced: the
     * counts, the reads, the last read, the attention and unused. The daily refresh is sent when
     * this differs from what the last record carried.
     */
    public String counted() {
        return counted(counts(), reads, lastReadAt, attention, unusedSince);
    }

    /** What {@link #counted()} is for a product nobody declared, granted, read or viewed. */
    public static final String NOTHING_COUNTED = counted(new Counts(0, 0, 0, 0, 0), 0, null, null, null);

    private static String counted(Counts c, long reads, Instant lastReadAt, Attention attention, Instant unusedSince) {
        return String.join(
                "|",
                c.declared() + "," + c.granted() + "," + c.observed() + "," + c.shadow() + "," + c.total(),
                String.valueOf(reads),
                String.valueOf(lastReadAt),
                attention == null
                        ? "-"
                        : attention.pageViews() + "," + attention.viewers() + "," + attention.clickThroughs() + ","
                                + attention.lastViewedAt(),
                String.valueOf(unusedSince));
    }

    /** Decides a product's usage over {@code window} from what is stored about it. */
    public static ProductUsage from(UsageFacts facts, Window window, int unusedAfterDays) {
        Map<String, Building> byKey = new LinkedHashMap<>();
        facts.declared().forEach((consumer, domain) -> {
            if (!consumer.equals(facts.productId())) {
                byKey.computeIfAbsent(ConsumerKeys.product(consumer), k -> new Building(k, consumer, domain, null))
                        .kinds
                        .add(ConsumerKind.DECLARED);
            }
        });
        List<Grant> grants = facts.grants().stream()
                .filter(grant -> grant.consumerProductId() != null || grant.subject() != null)
                .filter(grant -> !facts.productId().equals(grant.consumerProductId()))
                .toList();
        for (Grant grant : grants) {
            if (grant.active()) {
                Building consumer = byKey.computeIfAbsent(grant.consumerKey(), k -> new Building(k, grant));
                consumer.kinds.add(ConsumerKind.GRANTED);
                consumer.grants.add(grant);
            }
        }
        List<JobUsage> jobs = facts.jobs().stream()
                .filter(job -> !facts.productId().equals(job.ownerProductId()))
                .sorted(MOST_RECENT_JOB_FIRST)
                .toList();
        for (JobUsage job : jobs) {
            String key = job.ownerProductId() != null
                    ? ConsumerKeys.product(job.ownerProductId())
                    : ConsumerKeys.job(job.job());
            boolean observed = job.runs() > 0 || window.contains(job.lastReadAt());
            Building consumer = observed
                    ? byKey.computeIfAbsent(key, k -> new Building(k, job.ownerProductId(), job.ownerDomainId(), null))
                    : byKey.get(key);
            if (consumer == null) {
                continue;
            }
            if (observed) {
                consumer.kinds.add(ConsumerKind.OBSERVED);
            }
            if (consumer.domainId == null) {
                consumer.domainId = job.ownerDomainId();
            }
            consumer.jobs.add(job);
        }
        // A grant that ended is listed with the consumer it was for, when that still consumes.
        List<Grant> past = new ArrayList<>();
        for (Grant grant : grants) {
            if (!grant.active()) {
                past.add(grant);
                Building consumer = byKey.get(grant.consumerKey());
                if (consumer != null) {
                    consumer.grants.add(grant);
                }
            }
        }
        List<Consumer> consumers = byKey.values().stream()
                .map(Building::build)
                .sorted(Consumer.MOST_RECENT_FIRST)
                .toList();

        List<DayCount> daily = new ArrayList<>(window.days());
        long reads = 0;
        for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1)) {
            long runs = facts.days().getOrDefault(day, 0L);
            daily.add(new DayCount(day, runs));
            reads += runs;
        }
        Instant lastReadAt = jobs.isEmpty() ? null : jobs.getFirst().lastReadAt();
        return new ProductUsage(
                facts.productId(),
                facts.domainId(),
                window,
                consumers,
                reads,
                lastReadAt,
                daily,
                facts.attention(),
                unusedAfterDays,
                unusedSince(facts, lastReadAt, window.asOf(), unusedAfterDays),
                List.copyOf(past));
    }

    /**
     * When a published product became unused: the threshold after its last sign of use (a read, a
     * page view, its publication), if that moment has passed.
     */
    private static Instant unusedSince(UsageFacts facts, Instant lastReadAt, Instant asOf, int unusedAfterDays) {
        if (facts.publishedAt() == null) {
            return null;
        }
        Instant viewed = facts.attention() == null ? null : facts.attention().lastViewedAt();
        Instant lastSign = Stream.of(facts.publishedAt(), lastReadAt, viewed)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Instant since = lastSign.plus(Duration.ofDays(unusedAfterDays));
        return since.isAfter(asOf) ? null : since;
    }

    /** A consumer while its kinds, jobs and grants are gathered. */
    private static final class Building {
        final String key;
        final String productId;
        final String subject;
        final EnumSet<ConsumerKind> kinds = EnumSet.noneOf(ConsumerKind.class);
        final List<JobUsage> jobs = new ArrayList<>();
        final List<Grant> grants = new ArrayList<>();
        String domainId;

        Building(String key, String productId, String domainId, String subject) {
            this.key = key;
            this.productId = productId;
            this.domainId = domainId;
            this.subject = subject;
        }

        Building(String key, Grant grant) {
            this(
                    key,
                    grant.consumerProductId(),
                    grant.consumerDomainId(),
                    grant.consumerProductId() == null ? grant.subject() : null);
        }

        Consumer build() {
            return new Consumer(
                    key,
                    Collections.unmodifiableSet(EnumSet.copyOf(kinds)),
                    productId,
                    domainId,
                    subject,
                    List.copyOf(jobs),
                    List.copyOf(grants));
        }
    }
}

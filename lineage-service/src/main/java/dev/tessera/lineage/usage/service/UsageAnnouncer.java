package dev.tessera.lineage.usage.service;

import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.usage.config.UsageConfig;
import dev.tessera.lineage.usage.model.Consumer;
import dev.tessera.lineage.usage.model.ConsumerKind;
import dev.tessera.lineage.usage.model.ProductUsage;
import dev.tessera.lineage.usage.model.UsageFacts;
import dev.tessera.lineage.usage.model.UsageFacts.Announced;
import dev.tessera.lineage.usage.model.Window;
import dev.tessera.lineage.usage.repository.UsageFactsRepository;
import dev.tessera.lineage.usage.repository.UsageStateRepository;
import dev.tessera.lineage.usage.service.UsageRecords.Change;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides what to tell tessera.usage about products and queues it in the outbox, in the caller's
 * transaction. Each product's usage row is locked first, so decisions about one product are made
 * one at a time, each on what the one before committed.
 *
 * <p>After a change (ingest, a product or access event): a consumer gaining a kind it was not
 * announced with is a CONSUMER_ADDED record, one turning shadow a SHADOW_CONSUMER_FOUND record;
 * consumers that lost a kind or left are remembered silently (the next record's counts show it).
 * The sweep additionally reports a product becoming unused or used again, and, at most once a day,
 * a REFRESHED record when its counts moved since the last record. Every record carries the whole
 * current usage over the last 30 days, and its sequence is the product's counter of records.
 */
@ApplicationScoped
public class UsageAnnouncer {

    @Inject
    UsageFactsRepository facts;

    @Inject
    UsageStateRepository state;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entities;

    @Inject
    UsageClock clock;

    @Inject
    UsageConfig config;

    /** Announces what changed about these products' consumers, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(Collection<String> productIds) {
        settle(productIds, clock.now(), false);
    }

    /**
     * One page of the sweep, in a transaction of its own: the products after {@code after} (in id
     * order) that are due, at most {@code limit}. Returns the last product looked at when the page
     * was full (the next page starts after it), else null.
     */
    @Transactional
    public String sweepPage(String after, int limit) {
        Instant now = clock.now();
        List<String> due =
                state.dueForSweep(Window.of(now, Window.EVENT_DAYS).to(), now, config.unusedAfterDays(), after, limit);
        settle(due, now, true);
        return due.size() < limit ? null : due.getLast();
    }

    private void settle(Collection<String> productIds, Instant now, boolean sweep) {
        if (!config.enabled() || productIds.isEmpty()) {
            return;
        }
        Window window = Window.of(now, Window.EVENT_DAYS);
        SqlPipeline read = new SqlPipeline();
        state.lock(read, productIds);
        Supplier<Map<String, UsageFacts>> found = facts.read(read, productIds, window, true);
        read.run(entities);

        List<Outbox.Queued> queued = new ArrayList<>();
        List<UsageStateRepository.Decided> decided = new ArrayList<>();
        List<UsageStateRepository.Consumer> consumers = new ArrayList<>();
        for (UsageFacts product : found.get().values()) {
            decide(product, window, sweep, queued, decided, consumers);
        }
        SqlPipeline write = new SqlPipeline();
        state.save(write, decided, consumers);
        write.run(entities);
        outbox.enqueueAll(queued);
    }

    /** A record to send: what it reports and about which consumer. */
    private record Announcement(Change change, Consumer consumer) {}

    private void decide(
            UsageFacts product,
            Window window,
            boolean sweep,
            List<Outbox.Queued> queued,
            List<UsageStateRepository.Decided> decided,
            List<UsageStateRepository.Consumer> consumers) {
        ProductUsage usage = ProductUsage.from(product, window, config.unusedAfterDays());
        UsageFacts.Reported reported = product.reported();
        List<Announcement> announcements = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (Consumer consumer : usage.consumers()) {
            current.add(consumer.key());
            Announced before = reported.consumers().getOrDefault(consumer.key(), Announced.NONE);
            Announced now = new Announced(
                    consumer.kinds().contains(ConsumerKind.DECLARED),
                    consumer.kinds().contains(ConsumerKind.GRANTED),
                    consumer.kinds().contains(ConsumerKind.OBSERVED),
                    consumer.shadow());
            if (consumer.kinds().stream().anyMatch(kind -> !before.has(kind))) {
                announcements.add(new Announcement(Change.CONSUMER_ADDED, consumer));
            }
            if (consumer.shadow() && !before.shadow()) {
                announcements.add(new Announcement(Change.SHADOW_CONSUMER_FOUND, consumer));
            }
            if (!now.equals(before)) {
                consumers.add(new UsageStateRepository.Consumer(product.productId(), consumer.key(), now));
            }
        }
        reported.consumers().keySet().stream()
                .filter(key -> !current.contains(key))
                .forEach(key -> consumers.add(new UsageStateRepository.Consumer(product.productId(), key, null)));

        Boolean unused = null;
        LocalDate refreshedOn = null;
        if (sweep) {
            if (usage.unused() != reported.unused()) {
                announcements.add(new Announcement(usage.unused() ? Change.BECAME_UNUSED : Change.BECAME_USED, null));
                unused = usage.unused();
            }
            LocalDate today = window.to();
            if (reported.refreshedOn() == null || reported.refreshedOn().isBefore(today)) {
                refreshedOn = today;
                String last = reported.counts() != null ? reported.counts() : ProductUsage.NOTHING_COUNTED;
                if (announcements.isEmpty() && !usage.counted().equals(last)) {
                    announcements.add(new Announcement(Change.REFRESHED, null));
                }
            }
        }
        long sequence = reported.sequence();
        for (Announcement announcement : announcements) {
            sequence++;
            queued.add(new Outbox.Queued(
                    announcement.change().type,
                    product.productId(),
                    sequence,
                    UsageRecords.of(usage, sequence, announcement.change(), announcement.consumer())));
        }
        if (!announcements.isEmpty() || refreshedOn != null || unused != null) {
            decided.add(new UsageStateRepository.Decided(
                    product.productId(),
                    sequence,
                    announcements.isEmpty() ? null : usage.counted(),
                    refreshedOn,
                    unused));
        }
    }
}

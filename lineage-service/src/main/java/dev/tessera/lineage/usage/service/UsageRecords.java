package dev.tessera.lineage.usage.service;

import dev.tessera.events.EventType;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.lineage.usage.model.Consumer;
import dev.tessera.lineage.usage.model.ConsumerKind;
import dev.tessera.lineage.usage.model.ProductUsage;

/** Builds the tessera.usage records of a product's usage: one exhaustive mapping of what each reports. */
final class UsageRecords {

    /** What a record reports, with its CloudEvents type. */
    enum Change {
        CONSUMER_ADDED(EventType.USAGE_CONSUMER_ADDED),
        SHADOW_CONSUMER_FOUND(EventType.USAGE_SHADOW_CONSUMER_FOUND),
        BECAME_UNUSED(EventType.USAGE_BECAME_UNUSED),
        BECAME_USED(EventType.USAGE_BECAME_USED),
        REFRESHED(EventType.USAGE_REFRESHED);

        final EventType type;

        Change(EventType type) {
            this.type = type;
        }
    }

    private UsageRecords() {}

    /** The record of {@code usage} (a 30-day window) reporting {@code change}, about {@code consumer} if any. */
    static UsageStateV1 of(ProductUsage usage, long sequence, Change change, Consumer consumer) {
        ProductUsage.Counts c = usage.counts();
        var shadows = usage.shadowConsumers();
        return new UsageStateV1(
                usage.productId(),
                usage.domainId(),
                sequence,
                new UsageStateV1.Counts(c.declared(), c.granted(), c.observed(), c.shadow(), c.total()),
                usage.reads(),
                usage.lastReadAt(),
                usage.attention() == null
                        ? null
                        : new UsageStateV1.Attention(
                                usage.attention().pageViews(),
                                usage.attention().viewers(),
                                usage.attention().clickThroughs(),
                                usage.attention().lastViewedAt()),
                usage.unused(),
                usage.unusedAfterDays(),
                usage.unusedSince(),
                shadows.stream()
                        .limit(UsageStateV1.MAX_LISTED_SHADOW_CONSUMERS)
                        .map(UsageRecords::consumer)
                        .toList(),
                shadows.size(),
                new UsageStateV1.Change(change.name(), consumer == null ? null : consumer(consumer)),
                usage.window().asOf());
    }

    static UsageStateV1.Consumer consumer(Consumer consumer) {
        boolean observed = consumer.kinds().contains(ConsumerKind.OBSERVED);
        return new UsageStateV1.Consumer(
                consumer.kinds().stream().map(Enum::name).toList(),
                consumer.productId(),
                consumer.domainId(),
                observed ? consumer.latestJob() : null,
                consumer.subject(),
                consumer.runs(),
                consumer.firstReadAt(),
                consumer.lastReadAt());
    }
}

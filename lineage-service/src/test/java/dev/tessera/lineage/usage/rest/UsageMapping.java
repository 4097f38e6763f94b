package dev.tessera.lineage.usage.rest;

import dev.tessera.lineage.usage.model.Consumer;
import dev.tessera.lineage.usage.model.Grant;
import dev.tessera.lineage.usage.model.ProductUsage;
import dev.tessera.lineage.usage.service.UsageQueries;
import java.util.List;

/**
 * Maps a product's usage to its answer as records, leaving out who uses it for callers who may not
 * see that: the answer as the service's JSON mapper would write it, which {@link UsageJson} must
 * write byte for byte.
 */
final class UsageMapping {

    private UsageMapping() {}

    static UsageResponse response(UsageQueries.Visible visible) {
        ProductUsage usage = visible.usage();
        ProductUsage.Counts c = usage.counts();
        boolean who = visible.showsConsumers();
        return new UsageResponse(
                usage.productId(),
                usage.domainId(),
                usage.window().days(),
                usage.window().from(),
                usage.window().to(),
                usage.window().asOf(),
                new UsageResponse.Totals(
                        new UsageResponse.Counts(c.declared(), c.granted(), c.observed(), c.shadow(), c.total()),
                        usage.reads(),
                        usage.lastReadAt()),
                usage.daily().stream()
                        .map(day -> new UsageResponse.Day(day.day(), day.runs()))
                        .toList(),
                usage.attention() == null
                        ? null
                        : new UsageResponse.Attention(
                                usage.attention().pageViews(),
                                usage.attention().viewers(),
                                usage.attention().clickThroughs(),
                                usage.attention().lastViewedAt()),
                usage.unused(),
                usage.unusedAfterDays(),
                usage.unusedSince(),
                who,
                who ? consumers(usage.consumers()) : null,
                who ? consumers(usage.shadowConsumers()) : null,
                who ? grants(usage.pastGrants()) : null);
    }

    private static List<UsageResponse.Consumer> consumers(List<Consumer> consumers) {
        return consumers.stream()
                .map(consumer -> new UsageResponse.Consumer(
                        consumer.kinds().stream().map(Enum::name).toList(),
                        consumer.shadow(),
                        consumer.productId(),
                        consumer.domainId(),
                        consumer.subject(),
                        consumer.runs(),
                        consumer.firstReadAt(),
                        consumer.lastReadAt(),
                        consumer.jobs().stream()
                                .map(job -> new UsageResponse.Job(
                                        job.job(), job.runs(), job.firstReadAt(), job.lastReadAt()))
                                .toList(),
                        grants(consumer.grants())))
                .toList();
    }

    private static List<UsageResponse.Grant> grants(List<Grant> grants) {
        return grants.stream()
                .map(grant -> new UsageResponse.Grant(
                        grant.requestId(),
                        grant.port(),
                        grant.consumerProductId(),
                        grant.subject(),
                        grant.status(),
                        grant.activeFrom(),
                        grant.activeUntil()))
                .toList();
    }
}

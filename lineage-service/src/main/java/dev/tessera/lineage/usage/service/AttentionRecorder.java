package dev.tessera.lineage.usage.service;

import dev.tessera.events.Topics;
import dev.tessera.events.usage.AttentionV1;
import dev.tessera.lineage.product.repository.ConsumedEventRepository;
import dev.tessera.lineage.usage.model.Attention;
import dev.tessera.lineage.usage.repository.UsageStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Keeps each product's latest attention from the catalog. It feeds {@code unused} (a page view is a
 * sign of use) and the attention every usage answer and record carries; it is never an event of
 * its own: the sweep reports what it changes.
 */
@ApplicationScoped
public class AttentionRecorder {

    @Inject
    ConsumedEventRepository consumed;

    @Inject
    UsageStateRepository state;

    /** Stores one attention record; false when it or a later one was applied already. */
    @Transactional
    public boolean apply(String eventId, AttentionV1 record) {
        if (!consumed.claim(Topics.ATTENTION, eventId, record.productId(), record.sequence())) {
            return false;
        }
        return state.attention(
                record.productId(),
                record.sequence(),
                new Attention(
                        record.pageViewsLast30Days(),
                        record.viewersLast30Days(),
                        record.clickThroughsLast30Days(),
                        record.lastViewedAt()));
    }
}

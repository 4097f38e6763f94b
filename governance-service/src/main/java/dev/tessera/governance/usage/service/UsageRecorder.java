package dev.tessera.governance.usage.service;

import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.governance.evaluation.repository.ProductStateEntity;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.evaluation.service.EvaluationService;
import dev.tessera.governance.evaluation.service.Trigger;
import dev.tessera.governance.usage.repository.UsageStateEntity;
import dev.tessera.governance.usage.repository.UsageStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Keeps the latest usage record lineage sent for each product, and evaluates the product again when
 * a record reports a change that matters. A record whose sequence is not above the stored one
 * (redelivered, or overtaken by a newer one) changes nothing; a daily {@code REFRESHED} record
 * updates the counts without an evaluation, so everyday reads never churn scores.
 */
@ApplicationScoped
public class UsageRecorder {

    /** The change kind of the daily refresh of a product's counts. */
    public static final String REFRESHED = "REFRESHED";

    @Inject
    UsageStateRepository usage;

    @Inject
    ProductStateRepository products;

    @Inject
    EvaluationService evaluations;

    /**
     * Applies one record: stores it unless a record with an equal or higher sequence is stored, and
     * then, unless it is a refresh, evaluates the product (if governance knows it), all in one
     * transaction. Returns whether it was stored.
     *
     * @param state a record with a product id, a sequence, a change kind and asOf
     * @param payload the record as it arrived, kept whole
     */
    @Transactional
    public boolean apply(UsageStateV1 state, String payload) {
        UsageStateEntity row = new UsageStateEntity();
        row.productId = state.productId();
        row.domainId = domainOf(state);
        row.sequence = state.sequence();
        row.unused = state.unused();
        row.unusedSince = state.unused() ? state.unusedSince() : null;
        row.shadowConsumers = Math.max(
                state.shadowConsumersTotal(),
                state.shadowConsumers() == null ? 0 : state.shadowConsumers().size());
        row.changeKind = state.change().kind();
        row.asOf = state.asOf();
        row.state = payload;
        row.updatedAt = Instant.now();
        if (!usage.apply(row)) {
            return false;
        }
        if (!REFRESHED.equals(row.changeKind)) {
            evaluations.evaluate(state.productId(), Trigger.USAGE_CHANGED);
        }
        return true;
    }

    private String domainOf(UsageStateV1 state) {
        if (state.domainId() != null && !state.domainId().isBlank()) {
            return state.domainId();
        }
        ProductStateEntity product = products.findById(state.productId());
        return product == null ? "" : product.domainId;
    }
}

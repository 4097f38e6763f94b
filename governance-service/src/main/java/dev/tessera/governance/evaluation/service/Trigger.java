package dev.tessera.governance.evaluation.service;

/** Why a product was evaluated. */
public enum Trigger {
    PRODUCT_CHANGED,
    PUBLISH_REQUESTED,
    POLICY_CHANGED,
    LINEAGE_CHANGED,
    /** A port's quality status changed (the {@code quality} policy variable moved). */
    QUALITY_CHANGED,
    /**
     * Lineage reported a usage change that matters (a new consumer or shadow consumer, the product
     * becoming unused or used again): the {@code usage} policy variable moved. Daily refreshes of
     * the counts are not evaluated.
     */
    USAGE_CHANGED
}

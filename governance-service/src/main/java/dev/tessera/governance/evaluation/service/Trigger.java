package dev.tessera.governance.evaluation.service;

/** Why a product was evaluated. */
public enum Trigger {
    PRODUCT_CHANGED,
    PUBLISH_REQUESTED,
    POLICY_CHANGED,
    LINEAGE_CHANGED,
    /** A port's quality status changed (the {@code quality} policy variable moved). */
    QUALITY_CHANGED
}

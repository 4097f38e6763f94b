package dev.tessera.catalog.reconcile.service;

import java.time.Instant;
import java.util.List;

/**
 * The difference between the index and the registry's current state.
 *
 * @param checkedAt when the comparison ran
 * @param productsInRegistry products in the compacted topic
 * @param productsInIndex product states in the index
 * @param differences every product that differs, and how
 * @param repaired whether the differences were repaired
 */
public record ReconciliationReport(
        Instant checkedAt,
        int productsInRegistry,
        int productsInIndex,
        List<Difference> differences,
        boolean repaired) {

    /**
     * One product that differs.
     *
     * @param productId the product
     * @param kind MISSING (not in the index), STALE (an older sequence), AHEAD (a newer sequence than the
     *     registry has), CORRUPT (same sequence, other content), MISSING_VIEW (a searchable view is gone) or
     *     EXTRA (in the index, unknown to the registry)
     * @param registrySequence the sequence the registry's current state has, -1 if none
     * @param indexSequence the sequence the index reflects, -1 if none
     */
    public record Difference(String productId, String kind, long registrySequence, long indexSequence) {}
}

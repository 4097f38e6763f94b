package dev.tessera.catalog.reconcile.service;

import java.time.Instant;
import java.util.List;

/**
 * The difference between the index and the registry's current state.
 *
 * @param checkedAt when the comparison ran
 * @param productsInRegistry products in the compacted topic (up to where the catalog has consumed it)
 * @param productsInIndex product states in the index
 * @param differenceCount how many products differ
 * @param differences the products that differ, and how: all of them, or the first 1,000 by product id
 * @param repaired whether the differences were repaired
 */
public record ReconciliationReport(
        Instant checkedAt,
        int productsInRegistry,
        int productsInIndex,
        int differenceCount,
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

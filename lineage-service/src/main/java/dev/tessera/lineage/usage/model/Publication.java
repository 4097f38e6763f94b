package dev.tessera.lineage.usage.model;

import dev.tessera.events.product.ProductStateV1;
import java.time.Instant;

/** When a product was last published, as its states on tessera.products tell. */
public final class Publication {

    private static final String PUBLISHED = "PUBLISHED";

    private Publication() {}

    /**
     * The publication time after applying {@code state}, given the one known before: null while no
     * version is published (or deprecated), the state's time when it reports a version turning
     * PUBLISHED, else the one known before (or the state's time for a product first seen already
     * published).
     */
    public static Instant after(ProductStateV1 state, Instant before) {
        if (state.latestPublishedVersion() == null) {
            return null;
        }
        Instant at = state.updatedAt() != null ? state.updatedAt() : Instant.now();
        ProductStateV1.Change change = state.change();
        boolean publishedNow = change != null
                && ProductStateV1.ChangeKinds.STATUS_CHANGED.equals(change.kind())
                && PUBLISHED.equals(change.toStatus());
        return publishedNow || before == null ? at : before;
    }
}

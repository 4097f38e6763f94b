package dev.tessera.governance.quality.service;

/** A port's or product's quality, from best to worst: a product is as good as its worst port. */
public enum QualityStatus {
    PASSING,
    UNKNOWN,
    STALE,
    FAILING;

    public static QualityStatus worst(QualityStatus a, QualityStatus b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}

package dev.tessera.governance.quality.service;

/** Where a check result came from. */
public enum CheckSource {
    /** A rule of the port's contract, decided by governance from the facts a producer reported. */
    CONTRACT_RULE,
    /** A check the producer ran itself and reported in OpenLineage ({@code dataQualityAssertions}, run tests). */
    ASSERTION,
    /** A result a tool sent to the quality API. */
    PUSHED
}

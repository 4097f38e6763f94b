package dev.tessera.governance.policy.service;

/** Fired inside a transaction that changed policies; observed after it commits. */
public record PolicyChanged(long revision) {}

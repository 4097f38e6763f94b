package dev.tessera.lineage.openlineage.service;

import java.util.List;

/**
 * What an ingest call did.
 *
 * @param accepted events stored now
 * @param duplicates events identical to one stored before, ignored
 * @param unresolved ids of stored events with parts that could not be resolved (listed at /unresolved)
 */
public record IngestResult(int accepted, int duplicates, List<Long> unresolved) {}

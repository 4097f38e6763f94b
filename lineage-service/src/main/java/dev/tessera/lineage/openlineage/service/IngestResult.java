package dev.tessera.lineage.openlineage.service;

import java.util.List;

/**
 * What an ingest call did.
 *
 * @param accepted events stored now
 * @param duplicates events identical to one stored before, ignored
 * @param ids ids of the events stored now, in the order sent (served at /api/v1/lineage/events/{id})
 * @param unresolved ids of stored events with parts that could not be resolved (listed at /unresolved)
 */
public record IngestResult(int accepted, int duplicates, List<Long> ids, List<Long> unresolved) {}

package dev.tessera.lineage.usage.model;

import java.time.LocalDate;

/** Distinct runs that read a product on one UTC day. */
public record DayCount(LocalDate day, long runs) {}

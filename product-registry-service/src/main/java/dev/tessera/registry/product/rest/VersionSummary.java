package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A version in a product's history. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VersionSummary(
        String version,
        String status,
        Instant createdAt,
        String createdBy,
        Instant statusChangedAt,
        List<String> statusReasons,
        LocalDate sunsetDate,
        String successor) {}

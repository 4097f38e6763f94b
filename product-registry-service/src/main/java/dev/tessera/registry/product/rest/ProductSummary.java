package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One line of the product list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductSummary(
        String id,
        String domain,
        String name,
        String headVersion,
        String status,
        String latestPublishedVersion,
        Instant updatedAt) {}

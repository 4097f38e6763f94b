package dev.tessera.registry.domain.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A domain as the API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainResponse(
        String id,
        String name,
        String description,
        String ownerGroup,
        String parentId,
        long sequence,
        Instant createdAt,
        Instant updatedAt) {}

package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.contract.Finding;
import java.time.Instant;
import java.util.List;

/**
 * A product with its versions and the descriptor of its newest version.
 *
 * @param id product id
 * @param domain owning domain
 * @param name display name
 * @param sequence changes so far; the ETag
 * @param headVersion newest version
 * @param status lifecycle state of the newest version
 * @param latestPublishedVersion newest PUBLISHED or DEPRECATED version
 * @param versions every version, oldest first
 * @param descriptor descriptor of the newest version
 * @param findings breaking-change findings of the newest version against the latest published one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductResponse(
        String id,
        String domain,
        String name,
        long sequence,
        String headVersion,
        String status,
        String latestPublishedVersion,
        List<VersionSummary> versions,
        JsonNode descriptor,
        List<Finding> findings,
        Instant createdAt,
        Instant updatedAt) {}

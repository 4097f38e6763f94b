package dev.tessera.events.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Payload of every event on {@code tessera.domains}: the domain's full current state.
 *
 * @param domainId the domain id (record key and CloudEvents subject)
 * @param sequence the domain's monotonic version
 * @param name display name
 * @param description what the domain covers
 * @param ownerGroup the Keycloak group whose members own the domain
 * @param parentId the parent domain, or null for a top-level domain
 * @param updatedAt when the change was committed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DomainStateV1(
        String domainId,
        long sequence,
        String name,
        String description,
        String ownerGroup,
        String parentId,
        Instant updatedAt) {}

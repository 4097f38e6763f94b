package dev.tessera.registry.domain.rest;

import dev.tessera.registry.domain.service.DomainDefinition;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A domain as callers write it.
 *
 * @param id lower-case identifier, unique (ignored on PUT, where the path names the domain)
 * @param name display name
 * @param description what the domain covers
 * @param ownerGroup the Keycloak group whose members own the domain
 * @param parentId optional parent domain
 */
public record DomainRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "use 1-63 lower-case letters, digits and dashes")
        String id,

        @NotBlank(message = "a domain needs a name") @Size(max = 200)
        String name,

        @Size(max = 4000) String description,
        @Size(max = 200) String ownerGroup,
        String parentId) {

    /** The request as the service takes it, once Bean Validation has passed it. */
    public DomainDefinition definition() {
        return new DomainDefinition(id, name, description, ownerGroup, parentId);
    }
}

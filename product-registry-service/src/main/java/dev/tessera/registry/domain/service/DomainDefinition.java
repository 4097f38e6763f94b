package dev.tessera.registry.domain.service;

/**
 * What a domain is, as a write sets it. Every field but {@code id} replaces the stored one, so a null clears it.
 *
 * @param id the domain's identifier; only a create by POST reads it, a PUT names the domain in its path
 * @param name display name
 * @param description what the domain covers
 * @param ownerGroup the Keycloak group whose members own the domain
 * @param parentId the parent domain, if any
 */
public record DomainDefinition(String id, String name, String description, String ownerGroup, String parentId) {}

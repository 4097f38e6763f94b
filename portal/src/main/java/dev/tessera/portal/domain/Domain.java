package dev.tessera.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A domain as the registry describes it ({@code GET /api/registry/v1/domains/{id}}).
 *
 * @param ownerGroup the identity provider group whose members (with the domain-owner role) own the domain;
 *     the registry's default, {@code /domains/<id>}, when it names none
 * @param parentId the enclosing domain, or null
 */
public record Domain(String id, String name, String description, String ownerGroup, String parentId) {

    static final String DEFAULT_PARENT_GROUP = "/domains/";

    public static Domain of(JsonNode d) {
        String id = d.path("id").asText();
        String group = d.path("ownerGroup").asText("");
        return new Domain(
                id,
                d.path("name").asText(id),
                d.path("description").asText(null),
                group.isBlank() ? DEFAULT_PARENT_GROUP + id : group,
                d.path("parentId").asText(null));
    }
}

package dev.tessera.registry.product.service;

import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * The one rule for unpublished versions (DRAFT, PENDING_APPROVAL): they are the owning domain's work in progress, so
 * its owners, governance officers and platform admins see them and nobody else does. Everyone else sees the versions
 * that were published, and a product without one does not exist for them. The catalog applies the same rule.
 */
@ApplicationScoped
public class VersionVisibility {

    @Inject
    Caller caller;

    /** Domains whose unpublished versions the caller sees; {@code null} for every domain. */
    public Set<String> draftDomains() {
        if (caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER)) {
            return null;
        }
        return caller.hasRole(Roles.DOMAIN_OWNER) ? caller.ownedDomains() : Set.of();
    }

    /** Whether the caller sees the unpublished versions of the domain's products. */
    public boolean seesUnpublished(String domainId) {
        Set<String> domains = draftDomains();
        return domains == null || domains.contains(domainId);
    }

    /** The versions of a product in {@code domainId} the caller may see, in the given order. */
    public List<ProductVersionEntity> visible(String domainId, List<ProductVersionEntity> versions) {
        if (seesUnpublished(domainId)) {
            return versions;
        }
        return versions.stream().filter(v -> !v.status.isUnpublished()).toList();
    }
}

package dev.tessera.lineage.product.repository;

import dev.tessera.platform.security.DomainOwnerGroups;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Domains learned from tessera.domains. Their owner groups, as the registry announced them, decide
 * who owns a domain here ({@link dev.tessera.platform.security.Caller}).
 */
@ApplicationScoped
public class DomainRepository implements PanacheRepositoryBase<DomainEntity, String>, DomainOwnerGroups {

    @Override
    public Optional<String> ownerGroupOf(String domainId) {
        return findByIdOptional(domainId).map(d -> d.ownerGroup);
    }

    @Override
    public Set<String> domainsOwnedBy(Set<String> groups) {
        if (groups.isEmpty()) {
            return Set.of();
        }
        return list("ownerGroup in ?1", List.copyOf(groups)).stream()
                .map(d -> d.domainId)
                .collect(Collectors.toUnmodifiableSet());
    }
}

package dev.tessera.registry.domain.repository;

import dev.tessera.platform.security.DomainOwnerGroups;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Domains, listed in id order for keyset paging. Also answers {@link dev.tessera.platform.security.Caller}
 * which group owns a domain: the registry is where owner groups are recorded.
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
        return getEntityManager()
                .createQuery("select d.id from DomainEntity d where d.ownerGroup in :groups", String.class)
                .setParameter("groups", groups)
                .getResultStream()
                .collect(Collectors.toUnmodifiableSet());
    }

    public List<DomainEntity> pageAfter(String afterId, int limit) {
        return afterId == null
                ? find("order by id").page(0, limit).list()
                : find("id > ?1 order by id", afterId).page(0, limit).list();
    }

    /** True if following parents from {@code parentId} reaches {@code domainId} (the change would make a cycle). */
    public boolean wouldCycle(String domainId, String parentId) {
        String current = parentId;
        for (int hops = 0; current != null && hops < 1000; hops++) {
            if (current.equals(domainId)) {
                return true;
            }
            DomainEntity parent = findById(current);
            current = parent == null ? null : parent.parentId;
        }
        return false;
    }
}

package dev.tessera.registry.domain.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Domains, listed in id order for keyset paging. */
@ApplicationScoped
public class DomainRepository implements PanacheRepositoryBase<DomainEntity, String> {

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

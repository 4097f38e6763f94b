package dev.tessera.registry.access.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Access requests in their latest state, for naming who holds a grant to a port. */
@ApplicationScoped
public class AccessGrantRepository implements PanacheRepositoryBase<AccessGrantEntity, String> {

    /** The grants in force to a port of a product (any port version), oldest request first. */
    public List<AccessGrantEntity> activeOn(String productId, String portName) {
        return list(
                "productId = ?1 and portName = ?2 and status = ?3 order by requestId",
                productId,
                portName,
                AccessGrantEntity.ACTIVE);
    }
}

package dev.tessera.registry.product.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Output ports by contract id, for resolving input ports. */
@ApplicationScoped
public class OutputPortRepository implements PanacheRepositoryBase<OutputPortEntity, OutputPortEntity.Key> {

    public List<OutputPortEntity> withContract(String contractId) {
        return list("contractId", contractId);
    }

    /** Removes a version's ports through the persistence context, so loaded instances do not linger. */
    public void deleteVersion(String productId, String productVersion) {
        list("productId = ?1 and productVersion = ?2", productId, productVersion)
                .forEach(this::delete);
        flush();
    }
}

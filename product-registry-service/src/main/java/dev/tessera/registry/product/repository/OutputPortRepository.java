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

    public void deleteVersion(String productId, String productVersion) {
        delete("productId = ?1 and productVersion = ?2", productId, productVersion);
    }
}

package dev.tessera.registry.product.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Versions of products, always returned oldest first by semantic version. */
@ApplicationScoped
public class ProductVersionRepository implements PanacheRepositoryBase<ProductVersionEntity, ProductVersionEntity.Key> {

    public List<ProductVersionEntity> ofProduct(String productId) {
        return list("productId = ?1 order by versionKey", productId);
    }

    public Optional<ProductVersionEntity> find(String productId, String version) {
        return findByIdOptional(new ProductVersionEntity.Key(productId, version));
    }

    /** Versions of many products at once (for list pages), oldest first within each. */
    public List<ProductVersionEntity> ofProducts(List<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return list("productId in ?1 order by productId, versionKey", productIds);
    }
}

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

    /**
     * The products other than {@code productId} whose input ports name the contract, each with its
     * domain and the descriptor of its newest version that names it; retired versions do not count.
     * Ordered by product id.
     */
    public List<DeclaredConsumer> declaringInput(String contractId, String productId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager()
                .createNativeQuery(
                        "SELECT DISTINCT ON (v.product_id) v.product_id, p.domain_id, CAST(v.descriptor AS text)"
                                + " FROM product_version v JOIN data_product p ON p.id = v.product_id"
                                + " WHERE v.product_id <> ?1 AND v.status <> 'RETIRED'"
                                + " AND v.descriptor -> 'inputPorts' @> jsonb_build_array(jsonb_build_object('contractId', ?2))"
                                + " ORDER BY v.product_id, v.version_key DESC")
                .setParameter(1, productId)
                .setParameter(2, contractId)
                .getResultList();
        return rows.stream()
                .map(r -> new DeclaredConsumer((String) r[0], (String) r[1], (String) r[2]))
                .toList();
    }

    /** The newest version of a product; empty when it has none. */
    public Optional<ProductVersionEntity> newest(String productId) {
        return find("productId = ?1 order by versionKey desc", (Object) productId)
                .firstResultOptional();
    }

    /**
     * A product whose input port names a contract.
     *
     * @param productId the consuming product
     * @param domainId its domain
     * @param descriptorJson the descriptor (JSON) of its newest version naming the contract
     */
    public record DeclaredConsumer(String productId, String domainId, String descriptorJson) {}
}

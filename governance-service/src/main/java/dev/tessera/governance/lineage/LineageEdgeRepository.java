package dev.tessera.governance.lineage;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The downstream consumers of products, as lineage reports them. */
@ApplicationScoped
public class LineageEdgeRepository implements PanacheRepositoryBase<LineageEdgeEntity, String> {

    /** Present edges out of a product to other products. */
    public List<LineageEdgeEntity> consumersOf(String productId) {
        return list(
                "fromProduct = ?1 and present = true and toProduct is not null and toProduct <> ?1 order by toProduct",
                productId);
    }
}

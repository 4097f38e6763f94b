package dev.tessera.registry.product.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Products, with keyset paging by id. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, String> {

    /** The product, locked for the rest of the transaction so writes to it serialise. */
    public ProductEntity findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Records that a consumer applied an event; false when it already had (a redelivery). Runs in the
     * caller's transaction, so the record commits exactly when the side effect does.
     */
    public boolean markProcessed(String consumer, String eventId) {
        return getEntityManager()
                        .createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at)"
                                + " VALUES (?1, ?2, now()) ON CONFLICT DO NOTHING")
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .executeUpdate()
                == 1;
    }

    /**
     * A page of products after {@code afterId}, optionally in one domain and whose newest version
     * has the given status.
     */
    public List<ProductEntity> page(String domainId, Lifecycle headStatus, String afterId, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (domainId != null) {
            query.append(" and domainId = :domain");
            params.and("domain", domainId);
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params.and("after", afterId);
        }
        if (headStatus != null) {
            query.append(" and (select v.status from ProductVersionEntity v where v.productId = id"
                    + " and v.versionKey = (select max(w.versionKey) from ProductVersionEntity w where w.productId = id))"
                    + " = :status");
            params.and("status", headStatus);
        }
        query.append(" order by id");
        return find(query.toString(), params).page(0, limit).list();
    }
}

package dev.tessera.registry.product.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Set;

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
     * has the given status. With {@code draftDomains} not null, unpublished versions count only in those
     * domains: a product with nothing else is left out, and "newest" means the newest of the rest.
     */
    public List<ProductEntity> page(
            String domainId, Lifecycle headStatus, String afterId, int limit, Set<String> draftDomains) {
        // The outer entity has an alias: inside a subquery over versions, a bare "id" would mean the version's key.
        StringBuilder query = new StringBuilder("from ProductEntity p where 1 = 1");
        Parameters params = new Parameters();
        String visibleW = "";
        if (draftDomains != null) {
            params.and("unpublished", Lifecycle.UNPUBLISHED);
            String shown = "%s.status not in :unpublished";
            if (!draftDomains.isEmpty()) {
                shown = "(p.domainId in :draftDomains or " + shown + ")";
                params.and("draftDomains", draftDomains);
            }
            query.append(" and exists (select 1 from ProductVersionEntity s where s.productId = p.id and ")
                    .append(shown.formatted("s"))
                    .append(")");
            visibleW = " and " + shown.formatted("w");
        }
        if (domainId != null) {
            query.append(" and p.domainId = :domain");
            params.and("domain", domainId);
        }
        if (afterId != null) {
            query.append(" and p.id > :after");
            params.and("after", afterId);
        }
        if (headStatus != null) {
            query.append(" and (select v.status from ProductVersionEntity v where v.productId = p.id"
                    + " and v.versionKey = (select max(w.versionKey) from ProductVersionEntity w"
                    + " where w.productId = p.id" + visibleW + "))"
                    + " = :status");
            params.and("status", headStatus);
        }
        query.append(" order by p.id");
        return find(query.toString(), params).page(0, limit).list();
    }
}

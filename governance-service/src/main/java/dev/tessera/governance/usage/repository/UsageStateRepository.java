package dev.tessera.governance.usage.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.hibernate.query.NativeQuery;

/** The latest usage record per product. Every method runs in the caller's transaction. */
@ApplicationScoped
public class UsageStateRepository implements PanacheRepositoryBase<UsageStateEntity, String> {

    /**
     * Stores a record unless one with an equal or higher sequence is stored for the product; true when
     * it was stored. One statement, so two transactions applying records of the same product at once
     * keep the newer whichever commits last.
     */
    public boolean apply(UsageStateEntity row) {
        return ((NativeQuery<?>) getEntityManager()
                                .createNativeQuery(
                                        "INSERT INTO usage_state AS u (product_id, domain_id, sequence, unused,"
                                                + " unused_since, shadow_consumers, change_kind, as_of, state, updated_at)"
                                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS jsonb), ?10)"
                                                + " ON CONFLICT (product_id) DO UPDATE SET domain_id = EXCLUDED.domain_id,"
                                                + " sequence = EXCLUDED.sequence, unused = EXCLUDED.unused,"
                                                + " unused_since = EXCLUDED.unused_since,"
                                                + " shadow_consumers = EXCLUDED.shadow_consumers,"
                                                + " change_kind = EXCLUDED.change_kind, as_of = EXCLUDED.as_of,"
                                                + " state = EXCLUDED.state, updated_at = EXCLUDED.updated_at"
                                                + " WHERE u.sequence < EXCLUDED.sequence"))
                        .setParameter(1, row.productId)
                        .setParameter(2, row.domainId)
                        .setParameter(3, row.sequence)
                        .setParameter(4, row.unused)
                        .setParameter(5, row.unusedSince, Instant.class)
                        .setParameter(6, row.shadowConsumers)
                        .setParameter(7, row.changeKind)
                        .setParameter(8, row.asOf, Instant.class)
                        .setParameter(9, row.state)
                        .setParameter(10, row.updatedAt, Instant.class)
                        .executeUpdate()
                == 1;
    }

    /**
     * Products that are unused or have shadow consumers, in (domain, product) order after the given
     * key; only of the given domains when {@code domains} is not null.
     */
    public List<UsageStateEntity> findingsAfter(
            Collection<String> domains, String afterDomain, String afterProduct, int limit) {
        StringBuilder where = new StringBuilder("(unused = true or shadowConsumers > 0)");
        if (domains != null) {
            where.append(" and domainId in :domains");
        }
        if (afterDomain != null) {
            where.append(" and (domainId > :afterDomain or (domainId = :afterDomain and productId > :afterProduct))");
        }
        var query = getEntityManager()
                .createQuery(
                        "from UsageStateEntity where " + where + " order by domainId, productId",
                        UsageStateEntity.class)
                .setMaxResults(limit);
        if (domains != null) {
            query.setParameter("domains", domains);
        }
        if (afterDomain != null) {
            query.setParameter("afterDomain", afterDomain).setParameter("afterProduct", afterProduct);
        }
        return query.getResultList();
    }
}

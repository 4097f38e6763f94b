package dev.tessera.governance.access.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Access requests. */
@ApplicationScoped
public class AccessRequestRepository implements PanacheRepositoryBase<AccessRequestEntity, String> {

    public AccessRequestEntity findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Open requests whose time is up, oldest first. */
    public List<String> dueForExpiry(Instant now, int limit) {
        return getEntityManager()
                .createQuery(
                        "select id from AccessRequestEntity where status in ?1 and requestedUntil <= ?2 order by requestedUntil",
                        String.class)
                .setParameter(1, AccessStatus.OPEN)
                .setParameter(2, now)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * A page of requests after {@code afterId}: all of them when {@code everything}, otherwise those the
     * subject made or that concern the given domains.
     */
    public List<AccessRequestEntity> page(
            boolean everything, String subject, Set<String> domains, AccessStatus status, String afterId, int limit) {
        StringBuilder q = new StringBuilder("id > :after");
        Parameters p = Parameters.with("after", afterId == null ? "" : afterId);
        if (!everything) {
            q.append(
                    domains.isEmpty()
                            ? " and consumerSubject = :me"
                            : " and (consumerSubject = :me or productDomainId in :domains)");
            p.and("me", subject);
            if (!domains.isEmpty()) {
                p.and("domains", domains);
            }
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        return find(q + " order by id", p).page(0, limit).list();
    }
}

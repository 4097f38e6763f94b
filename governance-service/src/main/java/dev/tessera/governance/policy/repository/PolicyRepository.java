package dev.tessera.governance.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Policies, their history and the catalog revision that tells replicas to reload. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<PolicyEntity, String> {

    public List<PolicyEntity> all() {
        return list("order by id");
    }

    public List<PolicyEntity> inScope(String scope) {
        return list("scope = ?1 order by id", scope);
    }

    /** A page of policies after {@code afterId} in id order, optionally of one scope. */
    public List<PolicyEntity> page(String scope, String afterId, int limit) {
        Parameters params = new Parameters();
        StringBuilder query = new StringBuilder("1 = 1");
        if (scope != null) {
            query.append(" and scope = :scope");
            params.and("scope", scope);
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params.and("after", afterId);
        }
        return find(query.append(" order by id").toString(), params)
                .page(0, limit)
                .list();
    }

    public PolicyEntity findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public void recordVersion(PolicyVersionEntity version) {
        getEntityManager().persist(version);
    }

    public List<PolicyVersionEntity> history(String policyId) {
        return getEntityManager()
                .createQuery(
                        "from PolicyVersionEntity where policyId = ?1 order by version desc", PolicyVersionEntity.class)
                .setParameter(1, policyId)
                .getResultList();
    }

    /** The last version a policy id ever had, deleted ones included (a re-created policy continues it). */
    public long lastVersion(String policyId) {
        Long last = getEntityManager()
                .createQuery("select max(version) from PolicyVersionEntity where policyId = ?1", Long.class)
                .setParameter(1, policyId)
                .getSingleResult();
        return last == null ? 0 : last;
    }

    /** Bumps the catalog revision inside the writing transaction; returns the new revision. */
    public long bumpRevision() {
        return ((Number) getEntityManager()
                        .createNativeQuery(
                                "UPDATE policy_catalog SET revision = revision + 1 WHERE id = 1 RETURNING revision")
                        .getSingleResult())
                .longValue();
    }

    public long revision() {
        return ((Number) getEntityManager()
                        .createNativeQuery("SELECT revision FROM policy_catalog WHERE id = 1")
                        .getSingleResult())
                .longValue();
    }

    /** Marks the starter pack as loaded; false if another replica or an earlier start already did. */
    public boolean claimSeeding() {
        return getEntityManager()
                        .createNativeQuery("UPDATE policy_catalog SET seeded = TRUE WHERE id = 1 AND NOT seeded")
                        .executeUpdate()
                == 1;
    }
}

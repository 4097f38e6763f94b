package dev.tessera.platform.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Audit entries, read newest first with keyset paging. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** Entries about one target with an id below {@code beforeId} (null: from the newest), newest first. */
    public List<AuditEntry> page(String targetType, String targetId, Long beforeId, int limit) {
        if (beforeId == null) {
            return find("targetType = ?1 and targetId = ?2 order by id desc", targetType, targetId)
                    .page(0, limit)
                    .list();
        }
        return find("targetType = ?1 and targetId = ?2 and id < ?3 order by id desc", targetType, targetId, beforeId)
                .page(0, limit)
                .list();
    }

    /** Entries matching every non-null part of the query, newest (largest id) first. */
    public List<AuditEntry> search(AuditQuery query, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        equal(where, params, "actor", query.actor());
        equal(where, params, "clientId", query.clientId());
        equal(where, params, "action", query.action());
        equal(where, params, "targetType", query.targetType());
        equal(where, params, "targetId", query.targetId());
        equal(where, params, "requestId", query.requestId());
        if (query.since() != null) {
            where.add("occurredAt >= :since");
            params.and("since", query.since());
        }
        if (query.before() != null) {
            where.add("occurredAt < :before");
            params.and("before", query.before());
        }
        if (query.beforeId() != null) {
            where.add("id < :beforeId");
            params.and("beforeId", query.beforeId());
        }
        String order = "order by id desc";
        String jpql = where.isEmpty() ? order : String.join(" and ", where) + " " + order;
        return find(jpql, params).page(0, limit).list();
    }

    private static void equal(List<String> where, Parameters params, String field, String value) {
        if (value != null) {
            where.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}

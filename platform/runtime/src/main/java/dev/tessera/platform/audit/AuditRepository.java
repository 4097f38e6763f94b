package dev.tessera.platform.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
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
}

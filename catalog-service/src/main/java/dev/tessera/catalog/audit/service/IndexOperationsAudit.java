package dev.tessera.catalog.audit.service;

import dev.tessera.catalog.reconcile.service.ReconciliationReport;
import dev.tessera.platform.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audit entries for the operators' writes to the search index (a rebuild, a repair). The index
 * lives in Lucene, not in the database, so these cannot share the write's transaction: they are
 * recorded once the write was accepted or done.
 */
@ApplicationScoped
public class IndexOperationsAudit {

    /** Target type of index operations. */
    public static final String TARGET_TYPE = "catalog-index";

    /** The catalog has one index. */
    public static final String TARGET_ID = "catalog";

    @Inject
    AuditLog audit;

    @Transactional
    public void rebuildRequested(int generation) {
        audit.record("index.rebuild-requested", TARGET_TYPE, TARGET_ID, Map.of("generation", generation));
    }

    @Transactional
    public void repaired(ReconciliationReport report) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("repaired", report.repaired());
        detail.put("differences", report.differenceCount());
        detail.put("productsInRegistry", report.productsInRegistry());
        detail.put("productsInIndex", report.productsInIndex());
        audit.record("index.repaired", TARGET_TYPE, TARGET_ID, detail);
    }
}

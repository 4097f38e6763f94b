package dev.tessera.lineage.security;

import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.testkit.ServiceSecurityTable;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's security table, run against lineage called directly (no gateway in front). */
@QuarkusTest
@LineageTestResources
class SecurityTableTest extends ServiceSecurityTable {

    @Override
    protected String listPath() {
        return "/api/v1/lineage/unresolved";
    }

    /** OpenLineage ingest: lineage producers, platform admins and domain owners only. */
    @Override
    protected String adminWritePath() {
        return "/api/v1/lineage";
    }

    @Override
    protected String adminWriteBody() {
        return "{\"eventType\":\"COMPLETE\"}";
    }

    @Override
    protected int pageSizeCap() {
        return 200;
    }

    @Override
    protected java.util.List<String> adminOnlyReadPaths() {
        return java.util.List.of("/api/v1/lineage/audit");
    }
}

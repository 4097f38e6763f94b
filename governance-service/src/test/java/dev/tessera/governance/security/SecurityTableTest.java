package dev.tessera.governance.security;

import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.testkit.ServiceSecurityTable;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's security table, run against governance called directly (no gateway in front). */
@QuarkusTest
@GovernanceTestResources
class SecurityTableTest extends ServiceSecurityTable {

    @Override
    protected String listPath() {
        return "/api/governance/v1/policies";
    }

    @Override
    protected String adminWritePath() {
        return "/api/governance/v1/policies";
    }

    @Override
    protected String adminWriteBody() {
        return """
                {"id":"sec-table","name":"Security table","scope":"GLOBAL","severity":"WARNING","weight":1,
                 "target":"PRODUCT","expression":"true","remediation":"none"}""";
    }

    @Override
    protected int pageSizeCap() {
        return 200;
    }

    @Override
    protected java.util.List<String> adminOnlyReadPaths() {
        return java.util.List.of("/api/governance/v1/audit");
    }
}

package dev.tessera.governance.security;

import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.testkit.ServiceSecurityTable;
import dev.tessera.testkit.TestTokens;
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

    /**
     * One more policy than a page holds, scoped to a domain of their own so that they take part in no
     * other test's evaluations.
     */
    @Override
    protected void fillListBeyondThePageSizeCap() {
        String domain = Api.knownDomain(Api.unique("page"));
        StringBuilder file = new StringBuilder("policies:\n");
        for (int i = 0; i <= pageSizeCap(); i++) {
            file.append("  - id: ")
                    .append(domain)
                    .append("-p")
                    .append(i)
                    .append('\n')
                    .append("    name: Page filler ")
                    .append(i)
                    .append('\n')
                    .append("    scope: ")
                    .append(domain)
                    .append('\n')
                    .append("    severity: WARNING\n")
                    .append("    expression: \"true\"\n");
        }
        Api.as(TestTokens.platformAdmin())
                .contentType("application/yaml")
                .body(file.toString())
                .post(Api.BASE + "/policies/apply")
                .then()
                .statusCode(200);
    }

    @Override
    protected java.util.List<String> adminOnlyReadPaths() {
        return java.util.List.of("/api/governance/v1/audit");
    }
}

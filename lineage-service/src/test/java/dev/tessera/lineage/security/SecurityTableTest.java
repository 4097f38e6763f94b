package dev.tessera.lineage.security;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.OpenLineageEvents;
import dev.tessera.testkit.ServiceSecurityTable;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

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

    private String fannedOut;

    /**
     * One run event of a job reading one dataset and writing one more than a page holds: the page-size
     * rows are the nodes downstream of the read dataset.
     */
    @Override
    protected void fillListBeyondThePageSizeCap() {
        String ns = OpenLineageEvents.unique("page");
        StringBuilder outputs = new StringBuilder();
        for (int i = 0; i <= pageSizeCap(); i++) {
            outputs.append(i == 0 ? "" : ",")
                    .append("{\"namespace\": \"")
                    .append(ns)
                    .append("\", \"name\": \"out")
                    .append(i)
                    .append("\"}");
        }
        Api.post("""
                        {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                         "run": {"runId": "%s"}, "job": {"namespace": "%s", "name": "fan-out"},
                         "inputs": [{"namespace": "%s", "name": "in"}], "outputs": [%s],
                         "producer": "https://example.com/test"}
                        """.formatted(UUID.randomUUID(), ns, ns, outputs)).then().statusCode(201);
        fannedOut = "DATASET:" + ns + "/in";
    }

    /** The nodes downstream of the fanned-out dataset: a list the unresolved events cannot fill safely. */
    @Override
    protected String pageSizePath() {
        return "/api/v1/lineage/graph?direction=downstream&depth=2&node="
                + URLEncoder.encode(fannedOut, StandardCharsets.UTF_8);
    }

    @Override
    protected java.util.List<String> adminOnlyReadPaths() {
        return java.util.List.of("/api/v1/lineage/audit");
    }
}

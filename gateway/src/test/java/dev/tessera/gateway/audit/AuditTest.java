package dev.tessera.gateway.audit;

import static dev.tessera.gateway.support.Calls.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.gateway.support.Calls;
import dev.tessera.gateway.support.GatewayTestResource;
import dev.tessera.gateway.support.StubBackend;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The platform's audit trail at the gateway: every service's trail merged newest first, paged
 * without gaps, with a service that cannot answer marked instead of failing the call. The stubs
 * each hold three entries interleaved in time; catalog points where nothing listens.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuditTest {

    private static final String AUDIT = "/api/audit";

    @Test
    void theServicesTrailsAreMergedNewestFirstAndTheDownServiceIsMarked() {
        JsonPath page = admin(AUDIT);
        assertThat(labels(page))
                .containsExactly(
                        "lineage-3",
                        "governance-3",
                        "registry-3",
                        "lineage-2",
                        "governance-2",
                        "registry-2",
                        "lineage-1",
                        "governance-1",
                        "registry-1");
        assertThat(page.getString("items[0].actor")).isEqualTo("alice-admin");
        assertThat(page.getString("items[0].clientId")).isEqualTo("tessera-cli");
        assertThat(page.getString("items[0].requestId")).isEqualTo("req-lineage-3");
        assertThat(page.getString("services.registry.status")).isEqualTo("ok");
        assertThat(page.getString("services.governance.status")).isEqualTo("ok");
        assertThat(page.getString("services.lineage.status")).isEqualTo("ok");
        assertThat(page.getString("services.catalog.status")).isEqualTo("unavailable");
        assertThat(page.getString("services.catalog.reason")).isIn("unreachable", "circuit-open");
        assertThat(page.getBoolean("degraded")).isTrue();
        assertThat(page.getString("next")).isNull();
    }

    @Test
    void pagesWalkEveryServicesTrailWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        JsonPath page = admin(AUDIT + "?limit=4");
        seen.addAll(labels(page));
        assertThat(labels(page)).containsExactly("lineage-3", "governance-3", "registry-3", "lineage-2");
        int pages = 1;
        while (page.getString("next") != null) {
            page = admin(AUDIT + "?limit=4&cursor=" + page.getString("next"));
            seen.addAll(labels(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactly(
                        "lineage-3",
                        "governance-3",
                        "registry-3",
                        "lineage-2",
                        "governance-2",
                        "registry-2",
                        "lineage-1",
                        "governance-1",
                        "registry-1");
        assertThat(page.getString("services.lineage.status")).isEqualTo("done");
        assertThat(page.getString("services.registry.status")).isEqualTo("ok");
    }

    @Test
    void aServiceGoingDownIsMarkedAndTheOthersStillAnswer() {
        StubBackend lineage = GatewayTestResource.lineage();
        lineage.stop();
        try {
            JsonPath page = admin(AUDIT);
            assertThat(page.getList("items.service", String.class)).containsOnly("registry", "governance");
            assertThat(page.getList("items")).hasSize(2 * StubBackend.AUDIT_ENTRIES);
            assertThat(page.getString("services.lineage.status")).isEqualTo("unavailable");
            assertThat(page.getBoolean("degraded")).isTrue();
        } finally {
            lineage.start();
        }
    }

    @Test
    void filtersAndTheCallersTokenReachEveryService() {
        JsonPath page = admin(AUDIT + "?actor=alice-admin&action=policy.created&since=2026-01-01T01:00:00%2B01:00");
        // The stubs answer only with the caller's token, and echo the query they received.
        assertThat(page.getList("items.service", String.class)).contains("registry", "governance", "lineage");
        assertThat(page.getString("items[0].detail.query"))
                .contains("actor=alice-admin")
                .contains("action=policy.created")
                .contains("since=2026-01-01T00%3A00%3A00Z")
                .contains("limit=50");
    }

    @Test
    void onlyPlatformAdminsMayReadItAndRefusalsReachNoService() {
        int before = hits();
        Calls.anonymous().get(AUDIT).then().statusCode(401).contentType("application/problem+json");
        for (String token :
                List.of(TestTokens.dataConsumer(), TestTokens.governanceOfficer(), TestTokens.domainOwner("retail"))) {
            as(token)
                    .get(AUDIT)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://tessera.dev/problems/forbidden"));
        }
        assertThat(hits()).isEqualTo(before);
    }

    @Test
    void badParametersAreOne400NamingEachAndReachNoService() {
        int before = hits();
        as(TestTokens.platformAdmin())
                .get(AUDIT + "?limit=0&since=yesterday&before=2026-99-01T00:00:00Z&cursor=%25%25%25")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("limit"))
                .body("errors.path", hasItem("since"))
                .body("errors.path", hasItem("before"))
                .body("errors.path", hasItem("cursor"));
        as(TestTokens.platformAdmin()).get(AUDIT + "?limit=201").then().statusCode(400);
        assertThat(hits()).isEqualTo(before);
    }

    private static JsonPath admin(String uri) {
        return as(TestTokens.platformAdmin())
                .get(uri)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }

    private static List<String> labels(JsonPath page) {
        List<String> services = page.getList("items.service", String.class);
        List<Integer> ids = page.getList("items.id", Integer.class);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            labels.add(services.get(i) + "-" + ids.get(i));
        }
        return labels;
    }

    private static int hits() {
        return GatewayTestResource.registry().totalHits()
                + GatewayTestResource.governance().totalHits()
                + GatewayTestResource.lineage().totalHits();
    }
}

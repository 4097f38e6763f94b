package dev.tessera.governance.usage;

import static dev.tessera.governance.support.Api.BASE;
import static dev.tessera.governance.support.Api.unique;
import static dev.tessera.governance.support.UsageRecords.shadow;
import static dev.tessera.governance.support.UsageRecords.unused;
import static dev.tessera.governance.support.UsageRecords.usage;
import static dev.tessera.governance.support.UsageRecords.withReads;
import static dev.tessera.governance.support.UsageRecords.withShadows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.UsageRecords;
import dev.tessera.platform.web.Cursors;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The officers' usage report: unused products and shadow consumers per domain, seen whole by
 * governance officers and platform admins, by domain owners for their own domains only, and by
 * nobody else; its query parameters are checked.
 */
@QuarkusTest
@GovernanceTestResources
class UsageReportTest {

    private static final String REPORT = BASE + "/reports/usage";

    private static final Instant UNUSED_SINCE =
            Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

    private static String sales;
    private static String finance;
    private static String idle;
    private static String read;
    private static String healthy;

    private static boolean sent;

    /**
     * Once for the class: sales has an unused product and one read by a shadow job, finance an unused
     * one, and a used product of sales reports nothing.
     */
    @BeforeEach
    void sendUsageOnce() {
        if (sent) {
            return;
        }
        sent = true;
        sales = unique("sales");
        finance = unique("finance");
        idle = unique("idle");
        read = unique("read");
        healthy = unique("healthy");
        String archive = unique("archive");
        try (UsageRecords lineage = new UsageRecords()) {
            lineage.send(unused(usage(idle, sales, 1, "BECAME_UNUSED"), 90, UNUSED_SINCE));
            lineage.send(withShadows(
                    usage(read, sales, 1, "SHADOW_CONSUMER_FOUND"),
                    shadow("spark/churn-model", "churn", "marketing", 7)));
            lineage.send(withReads(usage(healthy, sales, 1, "CONSUMER_ADDED"), 30, Instant.now()));
            lineage.send(unused(usage(archive, finance, 1, "BECAME_UNUSED"), 90, UNUSED_SINCE));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath salesPage = page(TestTokens.governanceOfficer(), "?domain=" + sales);
            return domains(page(TestTokens.governanceOfficer(), "?domain=" + finance))
                                    .size()
                            == 1
                    && salesPage.getList("items[0].shadowConsumers").size() == 1
                    && salesPage.getList("items[0].unusedProducts").size() == 1;
        });
    }

    @Test
    void anOfficerSeesADomainsUnusedProductsSinceWhenAndItsShadowConsumers() {
        JsonPath report = page(TestTokens.governanceOfficer(), "?domain=" + sales);

        assertThat(report.getList("items.domainId")).containsExactly(sales);
        Map<String, Object> unusedProduct = report.getMap("items[0].unusedProducts[0]");
        assertThat(unusedProduct)
                .containsEntry("productId", idle)
                .containsEntry("unusedSince", UNUSED_SINCE.toString())
                .containsEntry("unusedAfterDays", 90)
                .containsEntry("daysSinceLastUse", 110);
        Map<String, Object> shadowConsumer = report.getMap("items[0].shadowConsumers[0]");
        assertThat(shadowConsumer)
                .containsEntry("productId", read)
                .containsEntry("job", "spark/churn-model")
                .containsEntry("consumingProductId", "churn")
                .containsEntry("consumingDomainId", "marketing")
                .containsEntry("runs", 7)
                .containsKey("lastReadAt");
        assertThat(report.getInt("items[0].shadowConsumersTotal")).isEqualTo(1);
        assertThat(report.prettify()).doesNotContain(healthy);
    }

    @Test
    void officersAndAdminsSeeEveryDomainPageByPage() {
        for (String token : List.of(TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            List<String> domainsSeen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonPath page = page(token, "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(domains(page)).hasSize(1);
                domainsSeen.addAll(domains(page));
                cursor = page.getString("next");
                pages++;
            } while (cursor != null && pages < 1_000);

            assertThat(domainsSeen).contains(sales, finance);
            // Sales reports on two products, one per page: the domain continues on the next page.
            assertThat(domainsSeen.stream().filter(sales::equals)).hasSize(2);
        }
    }

    @Test
    void aDomainOwnerSeesTheirOwnDomainsOnly() {
        String owner = TestTokens.domainOwner(sales);

        JsonPath own = page(owner, "");

        assertThat(domains(own)).containsExactly(sales);
        assertThat(domains(page(owner, "?domain=" + sales))).containsExactly(sales);
        Api.as(owner)
                .get(REPORT + "?domain=" + finance)
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(finance));
    }

    @Test
    void everyoneElseIsRefusedWithAProblem() {
        for (String token : List.of(
                TestTokens.dataConsumer(),
                TestTokens.user("owner-of-nothing", java.util.Set.of("domain-owner"), List.of()))) {
            Api.as(token)
                    .get(REPORT)
                    .then()
                    .statusCode(403)
                    .contentType(containsString("application/problem+json"))
                    .body("status", equalTo(403));
        }
        Api.anonymous().get(REPORT).then().statusCode(401);
    }

    @Test
    void badQueryParametersAreA400NamingTheParameter() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("?domain=not%20a%20domain", "domain");
        bad.put("?limit=0", "limit");
        bad.put("?limit=201", "limit");
        bad.put("?limit=many", "limit");
        bad.put("?cursor=%25%25%25", "cursor");
        bad.put("?cursor=" + Cursors.encode("no-separator"), "cursor");
        bad.forEach((query, field) -> {
            Response response = Api.officer().get(REPORT + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.jsonPath().getList("errors.path", String.class))
                    .as(query)
                    .contains(field);
        });
    }

    private static JsonPath page(String token, String query) {
        return Api.as(token)
                .get(REPORT + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> domains(JsonPath page) {
        return page.getList("items.domainId");
    }
}

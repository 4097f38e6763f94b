package dev.tessera.lineage.usage;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static dev.tessera.lineage.support.UsageFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.UsageFixtures;
import dev.tessera.lineage.support.UsageFixtures.Product;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who sees what of a product's usage, and what a bad request is told. */
@QuarkusTest
@LineageTestResources
class UsageApiTest {

    @Test
    void theDomainsOwnersOfficersAndAdminsSeeWhoOthersSeeHowMuch() {
        String domain = unique("sales");
        Product orders = UsageFixtures.product(domain, Instant.now(), List.of());
        Product scraper = UsageFixtures.product(unique("growth"), Instant.now(), List.of());
        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        unique("scrape"),
                        Instant.now(),
                        List.of(orders.table()),
                        List.of(scraper.table())))
                .then()
                .statusCode(201);

        for (String token :
                List.of(TestTokens.domainOwner(domain), TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            JsonPath who = ok(token, orders);
            assertThat(who.getBoolean("consumersShown")).isTrue();
            assertThat(who.getList("consumers.productId")).containsExactly(scraper.id());
            assertThat(who.getList("shadowConsumers.productId")).containsExactly(scraper.id());
            assertThat(who.getInt("totals.consumers.shadow")).isEqualTo(1);
        }
        // A data consumer, and the owner of another domain (the consuming one, even), see the totals only.
        for (String token : List.of(TestTokens.dataConsumer(), TestTokens.domainOwner(scraper.domain()))) {
            JsonPath howMuch = ok(token, orders);
            assertThat(howMuch.getBoolean("consumersShown")).isFalse();
            assertThat(howMuch.getMap("").keySet()).doesNotContain("consumers", "shadowConsumers", "pastGrants");
            assertThat(howMuch.getLong("totals.reads")).isEqualTo(1);
            assertThat(howMuch.getInt("totals.consumers.total")).isEqualTo(1);
            assertThat(howMuch.getInt("totals.consumers.shadow")).isEqualTo(1);
            assertThat(howMuch.getList("daily")).hasSize(30);
            assertThat(howMuch.getLong("daily[29].reads")).isEqualTo(1);
        }
    }

    @Test
    void repeatedAnswersCountTheSameOnceTheDriverHasPreparedTheStatements() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        Product reader = UsageFixtures.product(unique("growth"), Instant.now(), List.of());
        String job = unique("nightly");
        for (Instant at : List.of(Instant.now(), Instant.now().minus(java.time.Duration.ofDays(20)))) {
            Api.post(run(
                            "COMPLETE",
                            UUID.randomUUID().toString(),
                            job,
                            at,
                            List.of(orders.table()),
                            List.of(reader.table())))
                    .then()
                    .statusCode(201);
        }

        // From its sixth use on a connection the driver prepares a statement and reads rows in
        // binary: the answers before and after must not differ.
        JsonPath first = ok(TestTokens.platformAdmin(), orders);
        for (int call = 0; call < 12; call++) {
            JsonPath again = ok(TestTokens.platformAdmin(), orders);
            assertThat(again.getMap("totals")).isEqualTo(first.getMap("totals"));
            assertThat(again.getList("daily")).isEqualTo(first.getList("daily"));
            assertThat(again.getList("consumers")).isEqualTo(first.getList("consumers"));
        }
        assertThat(first.getLong("totals.reads")).isEqualTo(2);
        assertThat(first.getLong("consumers[0].jobs[0].reads")).isEqualTo(2);
    }

    @Test
    void anUnpublishedProductExistsOnlyForItsDomainsOwnersOfficersAndAdmins() {
        String domain = unique("sales");
        Product draft = UsageFixtures.product(domain, null, List.of());

        for (String token :
                List.of(TestTokens.domainOwner(domain), TestTokens.governanceOfficer(), TestTokens.platformAdmin())) {
            JsonPath usage = ok(token, draft);
            assertThat(usage.getBoolean("unused")).isFalse();
            assertThat(usage.getString("productId")).isEqualTo(draft.id());
        }
        for (String token : List.of(TestTokens.dataConsumer(), TestTokens.domainOwner(unique("other")))) {
            UsageFixtures.usage(token, draft.id(), null).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void anUnknownProductIsNotFound() {
        UsageFixtures.usage(TestTokens.platformAdmin(), unique("nothing"), null)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("No product"));
    }

    @Test
    void daysMustBeAWholeNumberFromOneTo365() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        for (String days : List.of("0", "366", "-3", "abc", "1.5", "", "99999999999")) {
            io.restassured.RestAssured.given()
                    .header("Authorization", TestTokens.bearer(TestTokens.dataConsumer()))
                    .urlEncodingEnabled(true)
                    .get(Api.BASE + "/products/" + orders.id() + "/usage?days=" + days)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.path", hasItem("days"))
                    .body("errors.find { it.path == 'days' }.message", containsString("from 1 to 365"));
        }
        JsonPath week = ok(TestTokens.dataConsumer(), orders, "7");
        assertThat(week.getInt("days")).isEqualTo(7);
        assertThat(week.getList("daily")).hasSize(7);
        assertThat(ok(TestTokens.dataConsumer(), orders, "365").getList("daily"))
                .hasSize(365);
    }

    @Test
    void readingUsageNeedsATesseraRole() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        UsageFixtures.usage(TestTokens.user("nobody", java.util.Set.of(), List.of()), orders.id(), null)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private static JsonPath ok(String token, Product product) {
        return ok(token, product, null);
    }

    private static JsonPath ok(String token, Product product, String days) {
        return UsageFixtures.usage(token, product.id(), days)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}

package dev.tessera.catalog.security;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog's security table, called directly (no gateway in front): for every (caller, request) row the
 * status the caller must get. Callers include the owner of the product's domain, the owner of another
 * domain and a plain consumer. A new endpoint gets its rows here.
 */
@QuarkusTest
@CatalogTestResources
class SecurityTableTest {

    private static final String ANONYMOUS = "anonymous";
    private static final String CONSUMER = "consumer";
    private static final String OTHER_CONSUMER = "another consumer";
    private static final String OWNER = "owner of the domain";
    private static final String OTHER_OWNER = "owner of another domain";
    private static final String OFFICER = "governance officer";
    private static final String ADMIN = "platform admin";

    /** One row: who calls, what, and the status they must get. */
    record Row(String caller, String method, String path, int status) {}

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String domain;
    private String published;
    private String draft;
    private String subscription;

    @BeforeEach
    void estate() {
        Api.awaitReady();
        domain = unique("guarded");
        published = unique("open");
        draft = unique("closed");
        tokens.put(ANONYMOUS, null);
        tokens.put(CONSUMER, TestTokens.dataConsumer());
        tokens.put(OTHER_CONSUMER, TestTokens.user(unique("cleo"), Set.of("data-consumer"), List.of()));
        tokens.put(OWNER, TestTokens.domainOwner(domain));
        tokens.put(OTHER_OWNER, TestTokens.domainOwner(unique("elsewhere")));
        tokens.put(OFFICER, TestTokens.governanceOfficer());
        tokens.put(ADMIN, TestTokens.platformAdmin());
        Events.product(Events.published(
                published,
                domain,
                1,
                Events.descriptor(published, "Guarded Open", domain, "Published", List.of(), "sam", "tables", false)));
        Events.product(Events.draft(
                draft,
                domain,
                1,
                Events.descriptor(draft, "Guarded Draft", domain, "Not yet", List.of(), "sam", "tables", false)));
        await().atMost(WAIT)
                .until(() -> Api.admin()
                                .queryParam("domain", domain)
                                .get(Api.BASE + "/search")
                                .then()
                                .extract()
                                .<Integer>path("total")
                        == 2);
        subscription = Api.consumer()
                .contentType("application/json")
                .body(Map.of(
                        "targetUrl",
                        "http://127.0.0.1:9/hook",
                        "secret",
                        "a-secret-of-at-least-16-chars",
                        "filter",
                        Map.of("domains", List.of(domain))))
                .post(Api.BASE + "/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private List<Row> rows() {
        String page = Api.BASE + "/products/";
        String sub = Api.BASE + "/subscriptions/" + subscription;
        List<Row> rows = new ArrayList<>();
        for (String caller : tokens.keySet()) {
            boolean anonymous = caller.equals(ANONYMOUS);
            boolean privileged = caller.equals(OWNER) || caller.equals(OFFICER) || caller.equals(ADMIN);
            boolean operator = caller.equals(OFFICER) || caller.equals(ADMIN);
            boolean subscriber = caller.equals(CONSUMER) || caller.equals(ADMIN);
            rows.add(new Row(caller, "GET", Api.BASE + "/search?q=guarded", anonymous ? 401 : 200));
            rows.add(new Row(caller, "GET", Api.BASE + "/suggest?q=guar", anonymous ? 401 : 200));
            rows.add(new Row(caller, "GET", page + published, anonymous ? 401 : 200));
            // A draft is not found for whoever may not see it, rather than forbidden: its id is not confirmed.
            rows.add(new Row(caller, "GET", page + draft, anonymous ? 401 : privileged ? 200 : 404));
            rows.add(new Row(caller, "GET", Api.BASE + "/events?after=0&limit=5", anonymous ? 401 : 200));
            rows.add(new Row(caller, "GET", Api.BASE + "/subscriptions", anonymous ? 401 : 200));
            // Subscriptions are their owner's (admins: any); others learn nothing, not even that it exists.
            rows.add(new Row(caller, "GET", sub, anonymous ? 401 : subscriber ? 200 : 404));
            rows.add(new Row(caller, "GET", sub + "/deliveries", anonymous ? 401 : subscriber ? 200 : 404));
            rows.add(new Row(caller, "POST", sub + "/deliveries/1/redeliver", anonymous ? 401 : 404));
            if (!subscriber) {
                rows.add(new Row(caller, "DELETE", sub, anonymous ? 401 : 404));
            }
            rows.add(new Row(caller, "GET", Api.BASE + "/index", anonymous ? 401 : operator ? 200 : 403));
            if (!caller.equals(ADMIN)) {
                // An admin's rebuild would really run; the other callers must be refused before anything starts.
                rows.add(new Row(caller, "POST", Api.BASE + "/index/rebuild", anonymous ? 401 : 403));
            }
            rows.add(new Row(
                    caller,
                    "POST",
                    Api.BASE + "/index/reconciliation?repair=true",
                    anonymous ? 401 : caller.equals(ADMIN) ? 200 : 403));
        }
        return rows;
    }

    @Test
    void everyCallerGetsExactlyTheStatusItsRowSays() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows()) {
            String token = tokens.get(row.caller());
            RequestSpecification request = token == null ? RestAssured.given() : Api.as(token);
            Response response = request.request(row.method(), row.path());
            if (response.statusCode() != row.status()) {
                failures.add(row + " got " + response.statusCode() + ": " + response.asString());
            } else if (row.status() >= 400
                    && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                failures.add(row + " refused without a problem: " + response.contentType());
            }
        }
        assertThat(failures).isEmpty();
        // The subscription survived every refused delete.
        Api.consumer().get(Api.BASE + "/subscriptions/" + subscription).then().statusCode(200);
    }
}

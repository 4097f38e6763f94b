package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.applyYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.events.Topics;
import dev.tessera.platform.audit.AuditRepository;
import dev.tessera.platform.outbox.OutboxRepository;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@RegistryTestResources
class BulkApplyTest {

    private static final String BULK = Api.BASE + "/products/bulk";

    @Inject
    OutboxRepository outboxRows;

    @Inject
    AuditRepository auditRows;

    @Test
    void eachItemIsDecidedOnItsOwnAndTheSummaryCountsEveryOutcome() {
        String domain = Api.newDomain("bulk-mixed");
        String owner = TestTokens.domainOwner(domain);
        String unchanged = Api.newProductId("same");
        String newVersion = Api.newProductId("newer");
        String edited = Api.newProductId("edited");
        String created = Api.newProductId("fresh");
        String broken = Api.newProductId("broken");
        applyYaml(owner, unchanged, Descriptors.orders(unchanged, domain, "1.0.0"))
                .then()
                .statusCode(201);
        applyYaml(owner, newVersion, Descriptors.orders(newVersion, domain, "1.0.0"))
                .then()
                .statusCode(201);
        applyYaml(owner, edited, Descriptors.orders(edited, domain, "1.0.0"))
                .then()
                .statusCode(201);

        JsonPath answer = bulk(
                owner,
                false,
                item(unchanged, Descriptors.orders(unchanged, domain, "1.0.0")),
                item(newVersion, Descriptors.orders(newVersion, domain, "1.1.0")),
                item(edited, Descriptors.orders(edited, domain, "1.0.0", "decimal(12,2)", false)),
                item(created, Descriptors.orders(created, domain, "1.0.0")),
                item(broken, Descriptors.orders(broken, domain, "1.0.0").replace("version: 1.0.0\nstatus", "status")));

        assertThat(answer.getBoolean("dryRun")).isFalse();
        assertThat(answer.getMap("summary"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("created", 1, "versionCreated", 1, "updated", 1, "unchanged", 1, "refused", 1));
        assertThat(answer.getList("results.id")).containsExactly(unchanged, newVersion, edited, created, broken);
        assertThat(answer.getList("results.outcome"))
                .containsExactly("UNCHANGED", "VERSION_CREATED", "UPDATED", "CREATED", "REFUSED");
        assertThat(answer.getString("results[1].version")).isEqualTo("1.1.0");
        assertThat(answer.getInt("results[4].problem.status")).isEqualTo(400);
        assertThat(answer.getList("results[4].problem.errors.path")).contains("/version");
        Api.as(owner).get(Api.BASE + "/products/" + created).then().statusCode(200);
        Api.as(owner)
                .get(Api.BASE + "/products/" + newVersion)
                .then()
                .statusCode(200)
                .body("headVersion", equalTo("1.1.0"));
        Api.as(owner).get(Api.BASE + "/products/" + broken).then().statusCode(404);
    }

    @Test
    void theSameBulkTwiceIsUnchangedTheSecondTime() {
        String domain = Api.newDomain("bulk-again");
        String owner = TestTokens.domainOwner(domain);
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Api.newProductId("again");
            items.add(item(id, Descriptors.orders(id, domain, "1.0.0")));
        }

        JsonPath first = bulk(owner, false, items.toArray(Map[]::new));
        JsonPath second = bulk(owner, false, items.toArray(Map[]::new));

        assertThat(first.getInt("summary.created")).isEqualTo(5);
        assertThat(second.getInt("summary.unchanged")).isEqualTo(5);
        assertThat(second.getList("results.outcome")).containsOnly("UNCHANGED");
        String id = items.getFirst().get("id");
        Api.as(owner).get(Api.BASE + "/products/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""));
    }

    @Test
    void aDryRunDecidesEveryItemAndWritesNothing() {
        String domain = Api.newDomain("bulk-dry");
        String owner = TestTokens.domainOwner(domain);
        String a = Api.newProductId("dry");
        String b = Api.newProductId("dry");

        JsonPath answer = bulk(
                owner,
                true,
                item(a, Descriptors.orders(a, domain, "1.0.0")),
                item(b, Descriptors.orders(b, domain, "1.0.0")));

        assertThat(answer.getBoolean("dryRun")).isTrue();
        assertThat(answer.getList("results.outcome")).containsExactly("CREATED", "CREATED");
        Api.as(owner).get(Api.BASE + "/products/" + a).then().statusCode(404);
        Api.as(owner).get(Api.BASE + "/products/" + b).then().statusCode(404);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(outboxRows.count("aggregateId in ?1", List.of(a, b))).isZero();
            assertThat(auditRows.count("targetId in ?1", List.of(a, b))).isZero();
        });
    }

    @Test
    void anItemInADomainTheCallerDoesNotOwnIsRefusedAndTheOthersAreWritten() {
        String mine = Api.newDomain("bulk-mine");
        String theirs = Api.newDomain("bulk-theirs");
        String owner = TestTokens.domainOwner(mine);
        String allowed = Api.newProductId("allowed");
        String foreign = Api.newProductId("foreign");

        JsonPath answer = bulk(
                owner,
                false,
                item(foreign, Descriptors.orders(foreign, theirs, "1.0.0")),
                item(allowed, Descriptors.orders(allowed, mine, "1.0.0")));

        assertThat(answer.getList("results.outcome")).containsExactly("REFUSED", "CREATED");
        assertThat(answer.getInt("results[0].problem.status")).isEqualTo(403);
        assertThat(answer.getString("results[0].problem.detail")).contains(theirs);
        Api.admin().get(Api.BASE + "/products/" + foreign).then().statusCode(404);
        Api.admin().get(Api.BASE + "/products/" + allowed).then().statusCode(200);
    }

    @Test
    void badItemsAreRefusedWithAProblemNamingWhatToFix() {
        String domain = Api.newDomain("bulk-bad");
        String owner = TestTokens.domainOwner(domain);
        String good = Api.newProductId("good");
        String twice = Api.newProductId("twice");
        List<Object> items = new ArrayList<>();
        items.add("not an object");
        items.add(Map.of("descriptor", "kind: DataProduct"));
        items.add(Map.of("id", good, "descriptor", Map.of("kind", "DataProduct")));
        items.add(item(twice, Descriptors.orders(twice, domain, "1.0.0")));
        items.add(item(twice, Descriptors.orders(twice, domain, "1.0.0")));
        items.add(item("bad-yaml", "id: [unclosed"));
        items.add(item("huge", "x".repeat(1_048_577)));

        JsonPath answer = Api.as(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("items", items))
                .post(BULK)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(answer.getList("results.outcome"))
                .containsExactly("REFUSED", "REFUSED", "REFUSED", "CREATED", "REFUSED", "REFUSED", "REFUSED");
        assertThat(answer.getList("results[0].problem.errors.path")).containsExactly("/items/0");
        assertThat(answer.getList("results[1].problem.errors.path")).containsExactly("/items/1/id");
        assertThat(answer.getList("results[2].problem.errors.path")).containsExactly("/items/2/descriptor");
        assertThat(answer.getList("results[4].problem.errors.path")).containsExactly("/items/4/id");
        assertThat(answer.getString("results[4].problem.detail")).isNotBlank();
        assertThat(answer.getInt("results[5].problem.status")).isEqualTo(400);
        assertThat(answer.getInt("results[6].problem.status")).isEqualTo(413);
        assertThat(answer.getInt("summary.refused")).isEqualTo(6);
        assertThat(answer.getInt("summary.created")).isEqualTo(1);
    }

    @Test
    void anEnvelopeWithoutItemsOrWithTooManyIsRefusedWhole() {
        String domain = Api.newDomain("bulk-envelope");
        String owner = TestTokens.domainOwner(domain);
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("products", List.of()))
                .post(BULK)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].path", equalTo("/items"));
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body("{\"items\": [")
                .post(BULK)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1_000; i++) {
            tooMany.add(Map.of("id", "p" + i, "descriptor", "{}"));
        }
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("items", tooMany))
                .post(BULK)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("limit", equalTo("maxItems"))
                .body("detail", containsString("several calls"));
    }

    @Test
    void everyCreatedProductsEventReachesKafkaExactlyOnce() {
        String domain = Api.newDomain("bulk-events");
        String owner = TestTokens.domainOwner(domain);
        Map<String, String> descriptors = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String id = Api.newProductId("announced");
            descriptors.put(id, Descriptors.orders(id, domain, "1.0.0"));
        }
        List<String> ids = List.copyOf(descriptors.keySet());
        try (var reader = new dev.tessera.testkit.TopicReader(SharedInfrastructure.kafka(), Topics.PRODUCTS)) {
            JsonPath answer = bulk(
                    owner,
                    false,
                    descriptors.entrySet().stream()
                            .map(e -> item(e.getKey(), e.getValue()))
                            .toArray(Map[]::new));
            assertThat(answer.getInt("summary.created")).isEqualTo(20);

            // Relayed and acknowledged: the outbox keeps only what still waits for the broker.
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            QuarkusTransaction.requiringNew().call(() -> outboxRows.count("aggregateId in ?1", ids))
                                    == 0);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ids.stream().allMatch(id -> !reader.matching(e -> id.equals(e.key()))
                            .isEmpty()));
            for (String id : ids) {
                List<CloudEventRecord> events = reader.matching(e -> id.equals(e.key()));
                assertThat(events).hasSize(1);
                assertThat(events.getFirst().sequence()).isEqualTo(1L);
            }
        }
    }

    private static Map<String, String> item(String id, String descriptor) {
        return Map.of("id", id, "descriptor", descriptor);
    }

    @SafeVarargs
    private static JsonPath bulk(String token, boolean dryRun, Map<String, ?>... items) {
        return Api.as(token)
                .contentType(ContentType.JSON)
                .queryParam("dryRun", dryRun)
                .body(Map.of("items", List.of(items)))
                .post(BULK)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}

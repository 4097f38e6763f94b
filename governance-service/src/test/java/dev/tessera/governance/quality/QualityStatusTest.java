package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.PORT;
import static dev.tessera.governance.quality.QualityFixtures.awaitKnown;
import static dev.tessera.governance.quality.QualityFixtures.awaitStatus;
import static dev.tessera.governance.quality.QualityFixtures.quality;
import static dev.tessera.governance.support.Api.unique;
import static dev.tessera.governance.support.QualityObservations.assertion;
import static dev.tessera.governance.support.QualityObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.QualityObservations;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quality observations as lineage sends them decide port and product statuses: contract rules from
 * reported facts, producers' assertions, incidents, and one status-changed event per change.
 */
@QuarkusTest
@GovernanceTestResources
class QualityStatusTest {

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void aFailingAssertionAndTooFewRowsFailThePortUntilALaterRunPasses() {
        String domain = unique("qual");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED,
                ProductEvents.state(id, domain, 1, QualityFixtures.withRowCountRule(id, domain)));
        awaitKnown(id);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.QUALITY)) {
            lineage.send(observation(
                    id, domain, PORT, t0, true, List.of(assertion("not_null", false, "customer_email", "error")), 42L));
            JsonPath failing = awaitStatus(id, "FAILING");

            assertThat(failing.getString("ports[0].status")).isEqualTo("FAILING");
            Map<String, Object> rowCount = check(failing, "CONTRACT_RULE");
            assertThat(rowCount)
                    .containsEntry("outcome", "FAIL")
                    .containsEntry("observed", "42")
                    .containsEntry("operator", "mustBeGreaterThan")
                    .containsEntry("threshold", "100")
                    .containsEntry("name", "enough orders");
            assertThat((String) rowCount.get("lineageEvent")).startsWith("/api/v1/lineage/events/");
            assertThat(check(failing, "ASSERTION"))
                    .containsEntry("outcome", "FAIL")
                    .containsEntry("column", "customer_email")
                    .containsEntry("observed", "3 nulls");
            assertThat(failing.getList("incidents.checkId")).hasSize(2);

            // The same failures again: still one incident each, and nothing new is announced.
            Instant t1 = t0.plusSeconds(60);
            lineage.send(observation(
                    id, domain, PORT, t1, true, List.of(assertion("not_null", false, "customer_email", "error")), 41L));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> quality(id).getString("lastCheckedAt"), t1.toString()::equals);
            assertThat(quality(id).getList("incidents.checkId")).hasSize(2);

            Instant t2 = t0.plusSeconds(120);
            lineage.send(observation(
                    id, domain, PORT, t2, true, List.of(assertion("not_null", true, "customer_email", "error")), 500L));
            JsonPath passing = awaitStatus(id, "PASSING");
            assertThat(passing.getList("incidents")).isEmpty();
            assertThat(check(passing, "CONTRACT_RULE")).containsEntry("outcome", "PASS");
            assertThat(passing.getList("ports[0].history.passed", Integer.class))
                    .containsExactly(2);
            assertThat(passing.getList("ports[0].history.failed", Integer.class))
                    .containsExactly(4);

            List<CloudEventRecord> changes = await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.matching(e -> id.equals(e.key())), events -> events.size() >= 2);
            assertThat(changes).hasSize(2);
            for (CloudEventRecord change : changes) {
                assertThat(change.type()).isEqualTo(EventType.QUALITY_STATUS_CHANGED.type());
                assertThat(EventSchemas.validate(EventType.QUALITY_STATUS_CHANGED, change.data()))
                        .isEmpty();
            }
            assertThat(changes.get(0).data().path("status").asText()).isEqualTo("FAILING");
            assertThat(changes.get(0).data().path("previousStatus").asText()).isEqualTo("UNKNOWN");
            assertThat(changes.get(0)
                            .data()
                            .path("ports")
                            .get(0)
                            .path("failingChecks")
                            .findValuesAsText("source"))
                    .containsExactlyInAnyOrder("CONTRACT_RULE", "ASSERTION");
            assertThat(changes.get(1).data().path("status").asText()).isEqualTo("PASSING");
            assertThat(changes.get(1).data().path("sequence").asLong()).isEqualTo(2L);
            assertThat(changes.get(1).data().path("changedPorts").get(0).asText())
                    .isEqualTo(PORT);
        }
    }

    @Test
    void aNewVersionOfTheContractDecidesTheNextObservationWithItsOwnRules() {
        String domain = unique("qual");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED,
                ProductEvents.state(id, domain, 1, QualityFixtures.withRowCountRule(id, domain)));
        awaitKnown(id);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lineage.send(observation(id, domain, PORT, t0, true, List.of(), 500L));
        awaitStatus(id, "PASSING");

        // The next version asks for more than 1,000 rows: 500 rows no longer pass, although the
        // rules of the first version were read (and kept) for the observation before.
        ObjectNode stricter = QualityFixtures.withRowCountRule(id, domain);
        ((ObjectNode) stricter.path("outputPorts")
                        .get(0)
                        .path("contract")
                        .path("schema")
                        .get(0)
                        .path("quality")
                        .get(0))
                .put("mustBeGreaterThan", 1_000);
        registry.send(EventType.PRODUCT_UPDATED, ProductEvents.state(id, domain, 2, stricter));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Api.officer()
                                .get(Api.BASE + "/products/" + id + "/evaluation")
                                .then()
                                .extract()
                                .path("productSequence"),
                        sequence -> sequence != null && ((Number) sequence).longValue() == 2L);
        lineage.send(observation(id, domain, PORT, t0.plusSeconds(60), true, List.of(), 500L));

        JsonPath failing = awaitStatus(id, "FAILING");
        assertThat(check(failing, "CONTRACT_RULE"))
                .containsEntry("outcome", "FAIL")
                .containsEntry("observed", "500")
                .containsEntry("threshold", "1000");
    }

    @Test
    void redeliveredAndReorderedObservationsDecideTheSameStatus() {
        String domain = unique("qual");
        String inOrder = unique("orders");
        String reversed = unique("orders");
        for (String id : List.of(inOrder, reversed)) {
            registry.send(
                    EventType.PRODUCT_CREATED,
                    ProductEvents.state(id, domain, 1, QualityFixtures.withRowCountRule(id, domain)));
            awaitKnown(id);
        }
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        QualityObservationV1 failA = failing(inOrder, domain, t0);
        QualityObservationV1 passA = passing(inOrder, domain, t0.plusSeconds(30));
        lineage.send(failA, passA, passA, failA);
        lineage.send(passing(reversed, domain, t0.plusSeconds(30)), failing(reversed, domain, t0));

        for (String id : List.of(inOrder, reversed)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> quality(id), q -> q.getList("ports[0].history.failed", Integer.class)
                            .equals(List.of(2)));
        }
        JsonPath a = quality(inOrder);
        JsonPath b = quality(reversed);
        assertThat(a.getString("status")).isEqualTo("PASSING").isEqualTo(b.getString("status"));
        assertThat(a.getList("ports[0].checks.outcome")).isEqualTo(b.getList("ports[0].checks.outcome"));
        assertThat(a.getList("ports[0].checks.observedAt")).isEqualTo(b.getList("ports[0].checks.observedAt"));
        assertThat(a.getList("ports[0].history.passed", Integer.class))
                .containsExactly(2)
                .isEqualTo(b.getList("ports[0].history.passed", Integer.class));
        assertThat(a.getList("incidents")).isEmpty();
        assertThat(b.getList("incidents")).isEmpty();
    }

    @Test
    void aProductNothingWasObservedForIsUnknown() {
        String domain = unique("qual");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED,
                ProductEvents.state(id, domain, 1, QualityFixtures.withRowCountRule(id, domain)));
        awaitKnown(id);

        JsonPath q = quality(id);
        assertThat(q.getString("status")).isEqualTo("UNKNOWN");
        assertThat(q.getList("ports.port")).containsExactly(PORT);
        assertThat(q.getString("ports[0].status")).isEqualTo("UNKNOWN");
        assertThat(q.getList("ports[0].checks")).isEmpty();
    }

    private static QualityObservationV1 failing(String id, String domain, Instant at) {
        return observation(id, domain, PORT, at, true, List.of(assertion("unique", false, "order_id", "error")), 7L);
    }

    private static QualityObservationV1 passing(String id, String domain, Instant at) {
        return observation(id, domain, PORT, at, true, List.of(assertion("unique", true, "order_id", "error")), 700L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(JsonPath quality, String source) {
        List<Map<String, Object>> checks = quality.getList("ports[0].checks");
        return checks.stream()
                .filter(c -> source.equals(c.get("source")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + source + " check in " + checks));
    }
}

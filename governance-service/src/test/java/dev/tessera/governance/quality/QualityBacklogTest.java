package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.PORT;
import static dev.tessera.governance.quality.QualityFixtures.quality;
import static dev.tessera.governance.support.Api.unique;
import static dev.tessera.governance.support.QualityObservations.assertion;
import static dev.tessera.governance.support.QualityObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.QualityObservations;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog of observations, applied in batches, is counted exactly once however often it arrives;
 * how fast it is applied is measured by the quality benchmark, beside its floor.
 */
@QuarkusTest
@GovernanceTestResources
class QualityBacklogTest {

    private static final int PRODUCTS = 20;
    private static final int PER_PRODUCT = 500;

    private static final int WARNING_EVERY = 10;

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void aBacklogOfTenThousandObservationsIsCountedOnceEachAndWarningsDoNotFailThePort() {
        String domain = unique("load");
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            String id = unique("orders");
            registry.send(
                    EventType.PRODUCT_CREATED, ProductEvents.state(id, domain, 1, ProductEvents.compliant(id, domain)));
            ids.add(id);
        }
        ids.forEach(QualityFixtures::awaitKnown);
        // One run per product first: the products turn PASSING (and are evaluated again) before the clock starts.
        Instant base = Instant.now().minus(Duration.ofHours(1));
        lineage.sendAll(ids.stream().map(id -> run(id, domain, base, 0)).toList());
        ids.forEach(id -> await().atMost(Duration.ofSeconds(60)).until(() -> applied(id) == 1));

        List<QualityObservationV1> observations = new ArrayList<>();
        for (int i = 1; i <= PER_PRODUCT; i++) {
            for (String id : ids) {
                observations.add(run(id, domain, base, i));
            }
        }
        int expected = 1 + PER_PRODUCT + PER_PRODUCT / WARNING_EVERY;
        lineage.sendAll(observations);
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(120))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> applied(id) == expected);
        }
        // Sent again, the whole backlog changes nothing: each observation counts once.
        lineage.sendAll(observations);
        lineage.sendAll(
                ids.stream().map(id -> run(id, domain, base, PER_PRODUCT + 1)).toList());
        ids.forEach(id -> await().atMost(Duration.ofSeconds(120)).until(() -> applied(id) == expected + 1));
        for (String id : ids) {
            // Warnings show but do not fail a port: nothing changed after the first run.
            assertThat(quality(id).getString("status")).isEqualTo("PASSING");
        }
    }

    /** The i-th run of a product: an assertion that holds, and every tenth run a warning that does not. */
    private static QualityObservationV1 run(String id, String domain, Instant base, int i) {
        List<QualityObservationV1.Assertion> assertions = i > 0 && i % WARNING_EVERY == 0
                ? List.of(
                        assertion("not_null", true, "order_id", "error"),
                        assertion("row_count_drop", false, null, "warn"))
                : List.of(assertion("not_null", true, "order_id", "error"));
        return observation(id, domain, PORT, base.plusMillis(i), true, assertions, 200L + i);
    }

    /** Results of the product counted so far in the daily rollup. */
    private static int applied(String id) {
        io.restassured.path.json.JsonPath q = quality(id);
        return q.getList("ports[0].history.passed", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum()
                + q.getList("ports[0].history.failed", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum();
    }
}

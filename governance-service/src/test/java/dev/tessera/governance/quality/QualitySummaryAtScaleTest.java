package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.PORT;
import static dev.tessera.governance.quality.QualityFixtures.awaitKnown;
import static dev.tessera.governance.quality.QualityFixtures.awaitStatus;
import static dev.tessera.governance.support.Api.BASE;
import static dev.tessera.governance.support.Api.unique;
import static dev.tessera.governance.support.QualityObservations.assertion;
import static dev.tessera.governance.support.QualityObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.EventType;
import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.QualityObservations;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A product's quality summary reads the latest results and the daily rollup, never the history: it
 * answers as fast with five million stored results of the product as with none.
 */
@QuarkusTest
@GovernanceTestResources
class QualitySummaryAtScaleTest {

    private static final Logger LOG = Logger.getLogger(QualitySummaryAtScaleTest.class);

    private static final int STORED_RESULTS = 5_000_000;

    @Inject
    DataSource dataSource;

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        registry.close();
        lineage.close();
    }

    @Test
    void theSummaryAnswersInUnder300MillisecondsWithFiveMillionStoredResults() throws Exception {
        String domain = unique("scale");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED,
                ProductEvents.state(id, domain, 1, QualityFixtures.withRowCountRule(id, domain)));
        awaitKnown(id);
        lineage.send(observation(
                id,
                domain,
                PORT,
                Instant.now(),
                true,
                List.of(assertion("not_null", true, "order_id", "error")),
                500L));
        awaitStatus(id, "PASSING");

        long loading = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO quality_result (product_id, port, check_id,"
                        + " source, outcome, observed, name, observed_at, observation_id, recorded_at)"
                        + " SELECT ?, ?, 'assertion:check-' || (g % 50), 'ASSERTION',"
                        + " CASE WHEN g % 10 = 0 THEN 'FAIL' ELSE 'PASS' END, (g % 1000)::text, 'check ' || (g % 50),"
                        + " now() - make_interval(secs => g), 'bulk-' || g, now()"
                        + " FROM generate_series(1, ?) AS g")) {
            insert.setString(1, id);
            insert.setString(2, PORT);
            insert.setInt(3, STORED_RESULTS);
            insert.executeUpdate();
        }
        LOG.infof("Stored %d results in %.1f s", STORED_RESULTS, (System.nanoTime() - loading) / 1e9);

        String owner = TestTokens.domainOwner(domain);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long start = System.nanoTime();
            Api.as(owner).get(BASE + "/products/" + id + "/quality").then().statusCode(200);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> measured =
                millis.subList(10, millis.size()).stream().sorted().toList();
        long p95 = measured.get((int) Math.ceil(measured.size() * 0.95) - 1);
        LOG.infof(
                "Quality summary with %d stored results: p50 %d ms, p95 %d ms",
                STORED_RESULTS, measured.get(measured.size() / 2), p95);

        assertThat(p95).isLessThan(300);
    }
}

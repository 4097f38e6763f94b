package dev.tessera.governance.quality;

import static dev.tessera.governance.quality.QualityFixtures.PORT;
import static dev.tessera.governance.quality.QualityFixtures.awaitKnown;
import static dev.tessera.governance.quality.QualityFixtures.awaitStatus;
import static dev.tessera.governance.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.governance.support.MovableQualityClock;
import dev.tessera.governance.support.ProductEvents;
import dev.tessera.governance.support.QualityObservations;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A port turns STALE when its SLA passes without a write, with nobody sending anything, and back on a write. */
@QuarkusTest
@GovernanceTestResources
class FreshnessTest {

    @Inject
    MovableQualityClock clock;

    private final ProductEvents registry = new ProductEvents();
    private final QualityObservations lineage = new QualityObservations();

    @AfterEach
    void close() {
        clock.reset();
        registry.close();
        lineage.close();
    }

    @Test
    void aPortTurnsStaleWhenItsLatencyPassesWithoutAWriteAndFreshOnTheNext() {
        String domain = unique("fresh");
        String id = unique("orders");
        registry.send(
                EventType.PRODUCT_CREATED,
                ProductEvents.state(id, domain, 1, QualityFixtures.withLatencyMinutes(id, domain, 30)));
        awaitKnown(id);
        Instant written = clock.now().truncatedTo(ChronoUnit.SECONDS);

        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.QUALITY)) {
            lineage.send(QualityObservations.observation(id, domain, PORT, written, true, List.of(), null));
            JsonPath fresh = awaitStatus(id, "PASSING");
            assertThat(fresh.getString("ports[0].freshness.status")).isEqualTo("FRESH");
            assertThat(fresh.getString("ports[0].freshness.lastWriteAt")).isEqualTo(written.toString());
            assertThat(fresh.getString("ports[0].freshness.deadline"))
                    .isEqualTo(written.plus(Duration.ofMinutes(30)).toString());
            assertThat(fresh.getString("ports[0].freshness.sla")).isNotBlank();

            clock.advance(Duration.ofMinutes(31));
            JsonPath stale = awaitStatus(id, "STALE");
            assertThat(stale.getString("ports[0].status")).isEqualTo("STALE");
            assertThat(stale.getString("ports[0].freshness.status")).isEqualTo("STALE");

            lineage.send(QualityObservations.observation(id, domain, PORT, clock.now(), true, List.of(), null));
            awaitStatus(id, "PASSING");

            List<CloudEventRecord> changes = await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.matching(e -> id.equals(e.key())), events -> events.size() >= 3);
            assertThat(changes)
                    .extracting(e -> e.data().path("status").asText())
                    .containsExactly("PASSING", "STALE", "PASSING");
            changes.forEach(e -> assertThat(EventSchemas.validate(EventType.QUALITY_STATUS_CHANGED, e.data()))
                    .isEmpty());
            assertThat(changes.get(1)
                            .data()
                            .path("ports")
                            .get(0)
                            .path("freshness")
                            .path("status")
                            .asText())
                    .isEqualTo("STALE");
        }
    }
}

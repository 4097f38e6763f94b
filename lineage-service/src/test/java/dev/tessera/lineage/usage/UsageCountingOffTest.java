package dev.tessera.lineage.usage;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static dev.tessera.lineage.support.UsageFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.Topics;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.UsageFixtures;
import dev.tessera.lineage.support.UsageFixtures.Product;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With {@code tessera.usage.enabled=false} ingest still builds the graph but counts nothing and sends no usage. */
@QuarkusTest
@LineageTestResources
@TestProfile(UsageCountingOffTest.CountingOff.class)
class UsageCountingOffTest {

    public static class CountingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.usage.enabled", "false");
        }
    }

    @Test
    void readsAreNotCountedAndNothingIsAnnounced() {
        try (TopicReader usage = new TopicReader(SharedInfrastructure.kafka(), Topics.USAGE)) {
            Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
            Product revenue = UsageFixtures.product(unique("finance"), Instant.now(), List.of(orders.contract()));
            String job = unique("revenue-load");

            Api.post(run(
                            "COMPLETE",
                            UUID.randomUUID().toString(),
                            job,
                            Instant.now(),
                            List.of(orders.table()),
                            List.of(revenue.table())))
                    .then()
                    .statusCode(201);

            // The event is in the graph ...
            assertThat(Api.graph("DATASET:" + orders.dataset(), "downstream", 1)
                            .jsonPath()
                            .getList("items.key"))
                    .contains("JOB:" + UsageFixtures.jobName(job));
            // ... but no read was counted and no usage record goes out.
            JsonPath answer = UsageFixtures.usage(TestTokens.platformAdmin(), orders.id(), null)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(answer.getLong("totals.reads")).isZero();
            assertThat(answer.getList("consumers.kinds")).containsExactly(List.of("DECLARED"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> usage.matching(
                            e -> orders.id().equals(e.key()))
                    .isEmpty());
        }
    }
}

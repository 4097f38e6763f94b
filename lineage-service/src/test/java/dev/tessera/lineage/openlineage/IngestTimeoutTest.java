package dev.tessera.lineage.openlineage;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A single event whose group commit does not answer within the ingest time limit is an overload the
 * sender can retry (503 "busy" with a Retry-After), not a server error, and not a dependency being
 * down. The limit here is zero, so no call is answered in time.
 */
@QuarkusTest
@LineageTestResources
@TestProfile(IngestTimeoutTest.NoTimeToWrite.class)
class IngestTimeoutTest {

    public static class NoTimeToWrite implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.lineage.ingest.timeout", "0s");
        }
    }

    @Test
    void aCallNotAnsweredInTimeIsA503ToRetryAndItsEventIsStillWrittenOnce() {
        String ns = unique("late");
        String event = run("COMPLETE", UUID.randomUUID().toString(), ns, "job", "in", "out");

        Api.post(event)
                .then()
                .statusCode(503)
                .contentType(containsString("application/problem+json"))
                .header("Retry-After", "1")
                .body("type", endsWith("/busy"))
                .body("title", containsString("busy"))
                .body("detail", containsString("send it again later"));

        // The group commit still writes what it took, so a retry is a duplicate and not a second event.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.graph("DATASET:" + ns + "/in", "downstream", 2).statusCode() == 200);
    }
}

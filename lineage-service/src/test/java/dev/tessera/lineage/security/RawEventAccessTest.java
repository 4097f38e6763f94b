package dev.tessera.lineage.security;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Raw OpenLineage events carry what their producers put in them (SQL, environment variables, job
 * parameters), so they are served only to platform admins, governance officers and the client that
 * sent them, under ids nobody can guess from another one.
 */
@QuarkusTest
@LineageTestResources
class RawEventAccessTest {

    @Test
    void aRawEventIsReadOnlyByAdminsGovernanceOfficersAndItsProducer() {
        String ns = unique("raw");
        String producer = TestTokens.user("pipeline-a-" + ns, Set.of(LineageAccess.LINEAGE_PRODUCER), List.of());
        String otherProducer = TestTokens.user("pipeline-b-" + ns, Set.of(LineageAccess.LINEAGE_PRODUCER), List.of());
        String id = Api.as(producer)
                .contentType(ContentType.JSON)
                .body(run("COMPLETE", UUID.randomUUID().toString(), ns, "load", "raw", "clean"))
                .post(Api.BASE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("ids[0]");

        for (String refused :
                List.of(TestTokens.dataConsumer(), TestTokens.domainOwner(unique("dom")), otherProducer)) {
            Api.as(refused).get(Api.BASE + "/events/" + id).then().statusCode(403);
        }
        for (String allowed : List.of(producer, TestTokens.platformAdmin(), TestTokens.governanceOfficer())) {
            assertThat(Api.as(allowed)
                            .get(Api.BASE + "/events/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("job.namespace"))
                    .isEqualTo(ns);
        }
    }

    @Test
    void eventIdsAreRandomUuidsThatDoNotFollowEachOther() {
        String ns = unique("ids");
        List<String> ids = Api.postBatch("["
                        + run("START", UUID.randomUUID().toString(), ns, "load", "raw", "clean") + ","
                        + run("COMPLETE", UUID.randomUUID().toString(), ns, "load", "raw", "clean") + "]")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("ids", String.class);

        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        for (String id : ids) {
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void anUnknownEventIdIsNotFoundEvenForAnAdmin() {
        Api.admin().get(Api.BASE + "/events/" + UUID.randomUUID()).then().statusCode(404);
        Api.admin().get(Api.BASE + "/events/1").then().statusCode(404);
    }
}

package dev.tessera.lineage.security;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static io.restassured.RestAssured.given;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@LineageTestResources
class AuthorizationTest {

    private static String event() {
        return run("START", UUID.randomUUID().toString(), "auth-" + UUID.randomUUID(), "j", "a", "b");
    }

    @Test
    void ingestWithoutATokenIs401() {
        given().contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(401);
    }

    @Test
    void queriesWithoutATokenAre401() {
        given().queryParam("node", "DATASET:x").get(Api.BASE + "/graph").then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        Api.as(TestTokens.signedByForeignKey("mallory", Set.of("platform-admin")))
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(401);
    }

    @Test
    void dataConsumersAndGovernanceOfficersMayNotSendEvents() {
        for (String token : List.of(TestTokens.dataConsumer(), TestTokens.governanceOfficer())) {
            Api.as(token)
                    .contentType("application/json")
                    .body(event())
                    .post(Api.BASE)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void adminsDomainOwnersAndPipelineClientsMaySendEvents() {
        for (String token : List.of(TestTokens.platformAdmin(), TestTokens.domainOwner("sales"), Api.producerToken())) {
            Api.as(token)
                    .contentType("application/json")
                    .body(event())
                    .post(Api.BASE)
                    .then()
                    .statusCode(201);
        }
    }

    @Test
    void aTokenWithoutATesseraRoleMayNotRead() {
        Api.as(TestTokens.user("stranger", Set.of(), List.of()))
                .queryParam("node", "DATASET:x")
                .get(Api.BASE + "/graph")
                .then()
                .statusCode(403);
    }

    @Test
    void healthAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}

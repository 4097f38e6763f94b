package dev.tessera.lineage.security;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.platform.security.TokenAuthentication;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A token lineage verified once is not verified again on its next calls, and remembering it
 * changes nothing about who may do what: a changed token is a new token, refused when it is forged.
 */
@QuarkusTest
@LineageTestResources
class RememberedTokensTest {

    @Inject
    TokenAuthentication authentication;

    private static String event() {
        return run("COMPLETE", UUID.randomUUID().toString(), "remembered-" + UUID.randomUUID(), "j", "a", "b");
    }

    @Test
    void anAcceptedTokenIsRememberedAndKeepsWorking() {
        String token = TestTokens.user(
                "pipeline-" + UUID.randomUUID(), Set.of(LineageAccess.LINEAGE_PRODUCER), java.util.List.of());
        int before = authentication.remembered();

        Api.as(token)
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(201);
        assertThat(authentication.remembered()).isEqualTo(before + 1);
        Api.as(token)
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(201);
        assertThat(authentication.remembered()).isEqualTo(before + 1);
    }

    @Test
    void theAcceptedTokenWithAnAlteredSignatureIsRefused() {
        String token = TestTokens.user(
                "pipeline-" + UUID.randomUUID(), Set.of(LineageAccess.LINEAGE_PRODUCER), java.util.List.of());
        Api.as(token)
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(201);

        int last = token.length() - 2;
        String forged = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);
        Api.as(forged)
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aRememberedTokenKeepsItsOwnRoles() {
        String consumer = TestTokens.dataConsumer();
        Api.as(consumer).queryParam("node", "DATASET:none/none").get(Api.BASE + "/graph");
        Api.as(TestTokens.platformAdmin())
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(201);

        Api.as(consumer)
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aRememberedTokenWorksBesideCookiesAndACallWithoutATokenIsStillRefused() {
        String token = TestTokens.user(
                "pipeline-" + UUID.randomUUID(), Set.of(LineageAccess.LINEAGE_PRODUCER), java.util.List.of());
        for (int i = 0; i < 3; i++) {
            // Once remembered, the token's calls skip quarkus-oidc's tenant and cookie work; a
            // browser's cookies on the same call change nothing.
            Api.as(token)
                    .cookie("q_session", "not-a-session")
                    .contentType("application/json")
                    .body(event())
                    .post(Api.BASE)
                    .then()
                    .statusCode(201);
        }
        io.restassured.RestAssured.given()
                .cookie("q_session", "not-a-session")
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Api.as(TestTokens.expired("late", Set.of(LineageAccess.LINEAGE_PRODUCER)))
                .contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then()
                .statusCode(401);
    }
}

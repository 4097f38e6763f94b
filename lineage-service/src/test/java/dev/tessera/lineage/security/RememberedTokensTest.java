package dev.tessera.lineage.security;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.platform.http.security.TokenAuthentication;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
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

    /** Posts a fresh run event as this caller. */
    private static ValidatableResponse postEvent(RequestSpecification caller) {
        return caller.contentType("application/json")
                .body(event())
                .post(Api.BASE)
                .then();
    }

    private static String event() {
        return run("COMPLETE", UUID.randomUUID().toString(), "remembered-" + UUID.randomUUID(), "j", "a", "b");
    }

    @Test
    void anAcceptedTokenIsRememberedAndKeepsWorking() {
        String token = TestTokens.user(
                "pipeline-" + UUID.randomUUID(), Set.of(LineageAccess.LINEAGE_PRODUCER), java.util.List.of());
        int before = authentication.remembered();

        postEvent(Api.as(token)).statusCode(201);
        assertThat(authentication.remembered()).isEqualTo(before + 1);
        postEvent(Api.as(token)).statusCode(201);
        assertThat(authentication.remembered()).isEqualTo(before + 1);
    }

    @Test
    void theAcceptedTokenWithAnAlteredSignatureIsRefused() {
        String token = TestTokens.user(
                "pipeline-" + UUID.randomUUID(), Set.of(LineageAccess.LINEAGE_PRODUCER), java.util.List.of());
        postEvent(Api.as(token)).statusCode(201);

        int last = token.length() - 2;
        String forged = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);
        postEvent(Api.as(forged)).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRememberedTokenKeepsItsOwnRoles() {
        String consumer = TestTokens.dataConsumer();
        Api.as(consumer).queryParam("node", "DATASET:none/none").get(Api.BASE + "/graph");
        postEvent(Api.as(TestTokens.platformAdmin())).statusCode(201);

        postEvent(Api.as(consumer)).statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aRememberedTokenWorksBesideCookiesAndACallWithoutATokenIsStillRefused() {
        String token = TestTokens.user(
                "pipeline-" + UUID.randomUUID(), Set.of(LineageAccess.LINEAGE_PRODUCER), java.util.List.of());
        for (int i = 0; i < 3; i++) {
            // Once remembered, the token's calls skip quarkus-oidc's tenant and cookie work; a
            // browser's cookies on the same call change nothing.
            postEvent(Api.as(token).cookie("q_session", "not-a-session")).statusCode(201);
        }
        postEvent(io.restassured.RestAssured.given().cookie("q_session", "not-a-session"))
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsRefused() {
        postEvent(Api.as(TestTokens.expired("late", Set.of(LineageAccess.LINEAGE_PRODUCER))))
                .statusCode(401);
    }
}

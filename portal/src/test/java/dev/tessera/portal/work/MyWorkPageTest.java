package dev.tessera.portal.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.portal.support.KeycloakPortalResource;
import dev.tessera.portal.support.SignedInUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * My work signed in on the real Keycloak, with the platform out of reach: each part says its service
 * did not answer and the page still shows; a decision is checked before anything is sent, and one
 * governance cannot take is reported on the page, not lost.
 */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class MyWorkPageTest {

    static final String PASSWORD = "tessera-demo";

    @Test
    void aConsumersPageShowsWithItsRequestsPanelSayingGovernanceDidNotAnswer() {
        SignedInUser consumer = SignedInUser.signIn(RestAssured.port, "carl-consumer", PASSWORD);
        HttpResponse<String> page = consumer.get("/me");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(SignedInUser.text(page))
                .contains("<h1>My work</h1>", "Your access requests", "Access requests cannot be shown right now")
                .doesNotContain("Waiting for your decision")
                .doesNotContain("Your domains' products");
    }

    @Test
    void anOwnersPageHasTheDecisionAndFailingPolicyPartsEachSayingItsServiceDidNotAnswer() {
        SignedInUser owner = SignedInUser.signIn(RestAssured.port, "dora-retail", PASSWORD);
        String page = SignedInUser.text(owner.get("/me"));
        assertThat(page)
                .contains("Waiting for your decision", "Your domains' products with failing policies")
                .contains("Your domains cannot be shown right now");
    }

    @Test
    void aDecisionWithoutTheCsrfTokenIsRefusedAndARejectionWithoutAReasonIsNotSent() {
        SignedInUser owner = SignedInUser.signIn(RestAssured.port, "dora-retail", PASSWORD);
        owner.get("/me");
        assertThat(owner.post("/me/access-requests/r1/decision", Map.of("decision", "APPROVED"))
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> noReason = owner.post(
                "/me/access-requests/r1/decision", Map.of("csrf", owner.csrf(), "decision", "REJECTED", "reason", " "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(SignedInUser.text(noReason)).contains("<h1>My work</h1>", "Say why you reject the request");
        assertThat(noReason.headers().firstValue("Proxy-Status")).isEmpty();

        HttpResponse<String> unknown =
                owner.post("/me/access-requests/r1/decision", Map.of("csrf", owner.csrf(), "decision", "MAYBE"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(SignedInUser.text(unknown)).contains("Choose Approve or Reject.");
    }

    @Test
    void aValidDecisionGovernanceDoesNotAnswerIsA503PageSayingToCheckBeforeSendingAgain() {
        SignedInUser owner = SignedInUser.signIn(RestAssured.port, "dora-retail", PASSWORD);
        owner.get("/me");
        HttpResponse<String> sent =
                owner.post("/me/access-requests/r1/decision", Map.of("csrf", owner.csrf(), "decision", "APPROVED"));
        assertThat(sent.statusCode()).isEqualTo(503);
        assertThat(SignedInUser.text(sent)).contains("<h1>My work</h1>", "Governance did not answer");
        assertThat(sent.headers().firstValue("Proxy-Status")).hasValue("tessera-portal; error=destination_unavailable");
    }
}

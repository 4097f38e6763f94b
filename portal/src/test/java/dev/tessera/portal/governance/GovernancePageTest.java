package dev.tessera.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.portal.support.KeycloakPortalResource;
import dev.tessera.portal.support.SignedInUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The governance pages for an officer signed in on the real Keycloak, with the platform out of reach. */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class GovernancePageTest {

    @Test
    void theGovernancePageShowsEveryPartSayingItsServiceDidNotAnswer() {
        SignedInUser officer = SignedInUser.signIn(RestAssured.port, "gina-governance", "tessera-demo");
        HttpResponse<String> page = officer.get("/governance");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(SignedInUser.text(page))
                .contains("<h1>Governance</h1>")
                .contains("The platform's score cannot be shown right now")
                .contains("Scores by domain cannot be shown right now")
                .contains("Products with failing policies cannot be shown right now")
                .contains("The policies cannot be shown right now")
                .contains("No score was recorded in this period.");
    }

    @Test
    void aPolicyPageWhoseServiceIsDownSaysSoInsteadOfClaimingThePolicyIsGone() {
        SignedInUser admin = SignedInUser.signIn(RestAssured.port, "alice-admin", "tessera-demo");
        HttpResponse<String> page = admin.get("/governance/policies/owner-and-support");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(SignedInUser.text(page))
                .contains("This policy cannot be shown right now", "The policy's history cannot be shown right now");
        assertThat(admin.get("/governance/policies/has%20space").statusCode()).isEqualTo(404);
    }
}

package dev.tessera.portal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.portal.support.KeycloakPortalResource;
import dev.tessera.portal.support.SignedInUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The domain pages signed in on the real Keycloak, with the platform out of reach. */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class DomainPageTest {

    @Test
    void aDomainsPageShowsItsIdAndEachPartSayingItsServiceDidNotAnswer() {
        SignedInUser consumer = SignedInUser.signIn(RestAssured.port, "carl-consumer", "tessera-demo");
        HttpResponse<String> page = consumer.get("/domains/retail");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(SignedInUser.text(page))
                .contains("<h1 id=\"domain-title\">retail</h1>")
                .contains("This domain cannot be shown right now")
                .contains("The domain's products cannot be shown right now")
                .contains("The domain's compliance score cannot be shown right now");
        HttpResponse<String> list = consumer.get("/domains");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(SignedInUser.text(list)).contains("The domains cannot be shown right now");
    }
}

package dev.tessera.portal.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.portal.support.KeycloakPortalResource;
import dev.tessera.portal.support.SignedInUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The product page and the pages it links to, as a user signed in at the real Keycloak gets them while
 * the platform cannot be reached (the tests' gateway address answers nothing): each page still renders,
 * every panel says its service did not answer, bad input in an address is a 400 page that names the
 * field and asks nothing of the platform, and no page carries inline script or style.
 */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class ProductPagesSignedInTest {

    private static SignedInUser carl;

    private static synchronized SignedInUser carl() {
        if (carl == null) {
            carl = SignedInUser.signIn(RestAssured.port, "carl-consumer", "tessera-demo");
        }
        return carl;
    }

    @Test
    void theProductPageRendersWithItsPanelSayingTheRegistryDidNotAnswer() {
        HttpResponse<String> page = carl().get("/products/retail-orders");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>retail-orders</h1>")
                .contains("This product cannot be shown right now: its service did not answer.");
        assertClean(page.body());
    }

    @Test
    void theLineagePageKeepsItsDepthControlAndSaysLineageDidNotAnswer() {
        HttpResponse<String> page = carl().get("/products/retail-orders/lineage?depth=3&all=true");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1 id=\"lineage-title\">Lineage of retail-orders</h1>")
                .contains("<form class=\"lineage-controls\" method=\"get\" action=\"/products/retail-orders/lineage\"")
                .contains("<option value=\"3\" selected>3</option>")
                .contains("<input type=\"hidden\" name=\"all\" value=\"true\">")
                .contains("Lineage cannot be shown right now: its service did not answer.")
                .doesNotContain("<svg");
        assertClean(page.body());
    }

    @Test
    void aDepthOutsideOneToFiveIsA400PageNamingTheFieldAndLineageIsNotAsked() {
        for (String depth : new String[] {"9", "0", "two", "-1"}) {
            HttpResponse<String> page = carl().get("/products/retail-orders/lineage?depth=" + depth);

            assertThat(page.statusCode()).as(depth).isEqualTo(400);
            assertThat(page.body())
                    .contains("Depth must be a whole number from 1 to 5; the address gave &#39;" + depth + "&#39;.")
                    .contains("aria-invalid=\"true\" aria-describedby=\"lineage-depth-error\"")
                    .doesNotContain("Lineage cannot be shown");
            assertClean(page.body());
        }
    }

    @Test
    void theImpactPageRefusesAPortNameNoProductCanHaveAndOtherwiseSaysLineageDidNotAnswer() {
        HttpResponse<String> bad = carl().get("/products/retail-orders/impact?port=..%2Fsecrets");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("This product has no output port &#39;../secrets&#39;")
                .contains("aria-describedby=\"impact-port-error\"")
                .doesNotContain("The impact analysis cannot be shown");
        assertClean(bad.body());

        HttpResponse<String> down = carl().get("/products/retail-orders/impact?port=retail-orders-table");
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body())
                .contains("Who breaks if port retail-orders-table of retail-orders changes")
                .contains("The impact analysis cannot be shown right now: its service did not answer.");
        assertClean(down.body());
    }

    @Test
    void theComparisonNeedsTheRegistrySoItIsA503PageWhenTheRegistryDoesNotAnswer() {
        HttpResponse<String> page = carl().get("/products/retail-orders/diff?from=1.0.0&to=2.0.0");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("Platform unavailable").contains("This product cannot be shown right now");
        assertClean(page.body());
    }

    @Test
    void anAddressWithAProductIdTheRegistryCannotHaveIsA404Page() {
        assertThat(carl().get("/products/-bad-/lineage").statusCode()).isEqualTo(404);
        assertThat(carl().get("/products/-bad-/impact").statusCode()).isEqualTo(404);
        assertThat(carl().get("/products/-bad-/diff").statusCode()).isEqualTo(404);
    }

    /** No inline script, style or event handler: the Content-Security-Policy needs none. */
    static void assertClean(String html) {
        assertThat(html)
                .doesNotContainIgnoringCase("<style")
                .doesNotContain("style=")
                .doesNotContain(" onclick=")
                .doesNotContain("<script>");
    }
}

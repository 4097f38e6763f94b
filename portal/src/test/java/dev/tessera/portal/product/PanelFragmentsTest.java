package dev.tessera.portal.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.support.KeycloakPortalResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The score and quality panels as the product page sends them, from governance's answers: failing
 * policies with their remediation and evidence, each port's checks; and each panel degrading on its
 * own when governance is down or has nothing yet.
 */
@QuarkusTest
@WithTestResource(KeycloakPortalResource.class)
class PanelFragmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theScorePanelShowsTheBandEachOutcomeAndWhatToDoAboutAFailure() throws Exception {
        String html = ProductPage.Templates.score(
                        Panel.of("The policy outcomes", answer(200, PanelViewsTest.EVALUATION), ScoreView::of))
                .render();

        assertThat(html)
                .contains("<span class=\"badge band band-C\">Score C (71 of 100)</span>")
                .contains("1 policy passes, 2 fail, 1 of them blocking publication.")
                .contains("<span class=\"badge outcome-badge outcome-FAIL\">Fails</span> Breaking changes are"
                        + " announced <span class=\"muted\">(blocking)</span>")
                .contains("<p class=\"remediation\"><strong>What to do:</strong> Publish it as a new major"
                        + " version.</p>")
                .contains("<dt>tags</dt><dd><code>[&quot;retail&quot;]</code></dd>")
                .contains("Does not apply");
        assertThat(html.indexOf("Breaking changes are announced"))
                .as("a blocking failure comes before an advisory one and before passes")
                .isLessThan(html.indexOf("Retail products are tagged"))
                .isLessThan(html.indexOf("Owner and support channel"));
    }

    @Test
    void theQualityPanelShowsEachPortsFreshnessAndChecksWithTheirLatestResults() throws Exception {
        String html = ProductPage.Templates.quality(
                        Panel.of("Quality", answer(200, PanelViewsTest.QUALITY), QualityView::of))
                .render();

        assertThat(html)
                .contains("<span class=\"badge quality-FAILING\">FAILING</span>")
                .contains("Freshness: <strong>FRESH</strong> against an SLA of 1 d")
                .contains("<tr class=\"check-FAIL\"><th scope=\"row\">rowCount</th><td><span class=\"badge"
                        + " outcome-FAIL\">FAIL</span> <span class=\"muted\">(error)</span></td><td>12</td>"
                        + "<td>mustBeGreaterThan 1000 rows</td>")
                .contains("<th scope=\"row\">c2 <span class=\"muted\">on id</span></th>")
                .contains("Open incidents");
    }

    @Test
    void theUsagePanelCountsConsumersByKindAndMarksShadowConsumers() throws Exception {
        String html = ProductPage.Templates.usage(Panel.of("Usage", answer(200, PanelViewsTest.USAGE), UsageView::of))
                .render();

        assertThat(html)
                .contains("4 in all: 1 declared an input port, 2 hold an access grant, 3 seen reading in the last 30"
                        + " days, <strong>1 reading without a grant or a declaration</strong>.")
                .contains("57 runs in the last 30 days; last read 2026-12-07 09:30 UTC.")
                .contains("<a href=\"/products/finance-revenue\">finance-revenue</a>")
                .contains("svc-reporting <span class=\"badge shadow\">shadow</span>");
    }

    @Test
    void eachPanelDegradesOnItsOwnWhenGovernanceIsDownOrHasNothingYet() throws Exception {
        assertThat(ProductPage.Templates.score(Panel.of("The policy outcomes", answer(503, "{}"), ScoreView::of))
                        .render())
                .contains("The policy outcomes cannot be shown right now: its service did not answer.");
        assertThat(ProductPage.Templates.score(Panel.of("The policy outcomes", answer(404, "{}"), ScoreView::of))
                        .render())
                .contains("Governance has not evaluated a version of this product you may read yet.");
        assertThat(ProductPage.Templates.quality(Panel.of("Quality", answer(404, "{}"), QualityView::of))
                        .render())
                .contains("Governance has no quality record of this product yet.");
        assertThat(ProductPage.Templates.quality(Panel.of("Quality", answer(403, "{}"), QualityView::of))
                        .render())
                .contains("Quality is not shown: your roles do not allow reading it.");
        assertThat(ProductPage.Templates.usage(Panel.of("Usage", answer(404, "{}"), UsageView::of))
                        .render())
                .contains("Lineage reports no usage for this product yet.");
        assertThat(ProductPage.Templates.usage(Panel.of("Usage", answer(502, "{}"), UsageView::of))
                        .render())
                .contains("Usage cannot be shown right now");
    }

    private static ApiResponse answer(int status, String body) throws Exception {
        return new ApiResponse(status, JSON.readTree(body), body, "application/json", null);
    }
}

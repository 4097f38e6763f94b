package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal in a real Chromium, through the gateway, signing in on the real Keycloak login page as
 * the realm's demo users: a consumer finds a product despite a typo, reads its contract and requests
 * access; a user without a Tessera role gets the 403 page; axe-core finds no serious or critical
 * WCAG 2.2 AA violation on the search and product pages. Screenshots of both pages go to docs/images.
 */
@ExtendWith(SharedStack.class)
class PortalBrowserTest {

    private static final String DEMO_PASSWORD = "tessera-demo";
    /** A name no other end-to-end test gives a product, so the typo search finds exactly this one. */
    private static final String NAME = "Warehouse Shipments";
    /** axe-core's tags for the WCAG 2.0, 2.1 and 2.2 A and AA rules. */
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final LocalStack stack = SharedStack.get();
    private static final Identities identities = SharedStack.identities();
    private static final RegistrySteps steps = new RegistrySteps(stack);
    private static final PlatformClient http = new PlatformClient();
    private static String productId;

    @BeforeAll
    static void aPublishedProductTheCatalogHasIndexed() {
        String domain = steps.newDomain("p");
        String owner = identities.domainOwner(domain);
        productId = domain + "-shipments";
        steps.apply(
                owner,
                productId,
                Descriptors.product(productId, domain, NAME, "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        steps.requestPublish(owner, productId, "1.0.0");
        assertThat(steps.awaitDecision(productId, "1.0.0").path("status").asText())
                .isEqualTo("PUBLISHED");
        Awaitility.await("the catalog shows the published product to consumers")
                .atMost(Duration.ofSeconds(90))
                .until(() -> StreamSupport.stream(
                                http.get(steps.api("/api/catalog/v1/search?q=shipments"), identities.dataConsumer())
                                        .expect(200)
                                        .at("/items")
                                        .spliterator(),
                                false)
                        .map((JsonNode item) -> item.path("id").asText())
                        .anyMatch(productId::equals));
    }

    @Test
    void theConsumerFindsAProductDespiteATypoReadsItsContractAndRequestsAccess() {
        try (BrowserSession browser = BrowserSession.open()) {
            browser.driver.get(portal("/"));
            assertThat(browser.driver.getCurrentUrl())
                    .as("an anonymous visit goes to Keycloak's login page with a PKCE challenge")
                    .contains("/realms/tessera/protocol/openid-connect/auth")
                    .contains("code_challenge_method=S256");
            browser.signIn("carl-consumer", DEMO_PASSWORD);

            // Suggestions as the user types (htmx), then the search itself with a typo.
            WebElement box = browser.visible(By.id("q"));
            box.sendKeys("wareh");
            browser.visible(By.cssSelector("#suggestions a[href='/products/" + productId + "']"));
            box.clear();
            box.sendKeys("warehose shipments");
            box.submit();
            WebElement hit = browser.visible(By.cssSelector(".hits a[href='/products/" + productId + "']"));
            assertThat(hit.getText()).isEqualTo(NAME);
            assertThat(browser.driver.findElements(By.cssSelector(".facets legend")))
                    .extracting(WebElement::getText)
                    .contains("Domain", "Status", "Tag");
            assertNoSeriousViolations(browser, "search");
            browser.screenshot(images().resolve("portal-search.png"));

            hit.click();
            browser.visible(By.id("product-title"));
            assertThat(browser.driver.getTitle()).startsWith(NAME);
            String schema = browser.visible(By.cssSelector("table.schema")).getText();
            assertThat(schema).contains("customer_email", "restricted", "pii", "Primary key");
            assertThat(browser.driver.findElement(By.id("about")).getText()).contains(RegistrySteps.PURPOSE);
            assertThat(browser.driver.findElement(By.id("versions")).getText()).contains("1.0.0", "PUBLISHED");
            assertNoSeriousViolations(browser, "product");
            browser.screenshot(images().resolve("portal-product.png"));

            new Select(browser.driver.findElement(By.id("port"))).selectByValue(productId + "-table");
            browser.driver.findElement(By.id("purpose")).sendKeys("Delivery times per region for the ops review");
            // A date input takes keys in the browser's locale format; set the ISO value the form sends.
            browser.driver.executeScript(
                    "arguments[0].value = arguments[1]",
                    browser.driver.findElement(By.id("until")),
                    java.time.LocalDate.now().plusDays(60).toString());
            browser.driver
                    .findElement(By.cssSelector(".access-form button[type=submit]"))
                    .click();

            String status =
                    browser.visible(By.cssSelector(".notice .access-status")).getText();
            assertThat(status).isIn("REQUESTED", "APPROVED", "ACTIVE");
            assertThat(browser.driver.getCurrentUrl()).contains("/products/" + productId + "?request=");
        }
    }

    @Test
    void aUserWithoutATesseraRoleGetsTheForbiddenPage() {
        try (BrowserSession browser = BrowserSession.open()) {
            browser.driver.get(portal("/"));
            browser.signIn("nina-norole", DEMO_PASSWORD);
            browser.wait.until(ExpectedConditions.textToBe(By.id("error-title"), "Not allowed"));
            assertThat(browser.driver.findElement(By.cssSelector(".error-code")).getText())
                    .isEqualTo("Error 403");
            assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("no Tessera role");
        }
    }

    private static void assertNoSeriousViolations(BrowserSession browser, String page) {
        Results results = new AxeBuilder().withTags(WCAG_AA).analyze(browser.driver);
        List<String> serious = results.getViolations().stream()
                .filter((Rule r) -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + ": " + r.getHelp() + " "
                        + r.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .toList())
                .toList();
        assertThat(serious)
                .as("serious or critical WCAG 2.2 AA violations on the " + page + " page")
                .isEmpty();
    }

    /** A page of the portal, through the gateway, on the loopback address the realm's redirect URIs allow. */
    private static String portal(String path) {
        URI gateway = stack.service(PlatformService.GATEWAY).uri(path);
        return "http://127.0.0.1:" + gateway.getPort() + path;
    }

    private static Path images() {
        return Path.of(System.getProperty("tessera.root", "../..")).resolve("docs/images");
    }
}

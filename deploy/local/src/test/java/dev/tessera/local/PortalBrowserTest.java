package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
 * the realm's demo users and as owners made for fresh domains: a consumer finds a product despite a
 * typo, reads its contract and requests access; an owner approves a consumer's request in My work and
 * the consumer then sees the grant; the governance officer reads the governance page and a policy's
 * history; an owner sees no other domain's draft; a stopped service blanks only its own panel; a user
 * without a Tessera role gets the 403 page. axe-core finds no serious or critical WCAG 2.2 AA violation
 * on any of these pages. Screenshots of search, product, My work and Governance go to docs/images.
 */
@ExtendWith(SharedStack.class)
class PortalBrowserTest {

    private static final String DEMO_PASSWORD = "tessera-demo";
    /** A name no other end-to-end test gives a product, so the typo search finds exactly this one. */
    private static final String NAME = "Warehouse Shipments";

    private static final LocalStack stack = SharedStack.get();
    private static final Identities identities = SharedStack.identities();
    private static final RegistrySteps steps = new RegistrySteps(stack);
    private static final PlatformClient http = new PlatformClient();
    private static String productId;

    /** A domain whose owner decides access, with a published product failing one of the domain's policies. */
    private static String workDomain;

    private static String workOwner;
    private static String workProduct;
    private static String workPolicy;
    private static final String WORK_NAME = "Courier Manifests";
    private static final String POLICY_NAME = "Certified by the data team";

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

    /**
     * A domain with a published product and a domain policy (changed once, so it has a history) that the
     * product fails; governance has re-evaluated and taken a score snapshot, and the catalog shows the
     * failure.
     */
    @BeforeAll
    static void aDomainWithAPolicyItsProductFails() {
        workDomain = steps.newDomain("w");
        workOwner = "owner-" + workDomain;
        String owner = identities.domainOwner(workDomain);
        workProduct = workDomain + "-manifests";
        steps.apply(
                owner,
                workProduct,
                Descriptors.product(
                        workProduct, workDomain, WORK_NAME, "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        steps.requestPublish(owner, workProduct, "1.0.0");
        assertThat(steps.awaitDecision(workProduct, "1.0.0").path("status").asText())
                .isEqualTo("PUBLISHED");

        workPolicy = workDomain + "-certified";
        Map<String, Object> policy = new java.util.LinkedHashMap<>(Map.of(
                "id", workPolicy,
                "name", POLICY_NAME,
                "description", "Products are tagged certified once reviewed.",
                "scope", workDomain,
                "severity", "WARNING",
                "expression", "product.tags.exists(t, t == 'certified')",
                "remediation", "Tag the product certified after the data team's review."));
        Awaitility.await("governance knows domain " + workDomain + " and takes its policy")
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.postJson(steps.api("/api/governance/v1/policies"), owner, policy)
                                .status()
                        == 201);
        policy.put("description", "Products are tagged certified once the data team has reviewed them.");
        http.put(steps.api("/api/governance/v1/policies/" + workPolicy), owner, "application/json", write(policy))
                .expect(200);
        Awaitility.await("the catalog shows the product failing the domain's policy")
                .atMost(Duration.ofSeconds(90))
                .until(() -> StreamSupport.stream(
                                http.get(steps.api("/api/catalog/v1/products/" + workProduct), owner)
                                        .expect(200)
                                        .at("/compliance/failingPolicies")
                                        .spliterator(),
                                false)
                        .anyMatch(f -> POLICY_NAME.equals(f.path("name").asText())));
        Awaitility.await("governance has a score snapshot of " + workDomain)
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    PlatformClient.Reply score = http.get(
                            steps.api("/api/governance/v1/scores/domains/" + workDomain),
                            identities.governanceOfficer());
                    return score.status() == 200 && !score.at("/trend").isEmpty();
                });
    }

    @Test
    void theOwnerApprovesTheConsumersRequestInMyWorkAndTheConsumerThenSeesTheGrant() {
        String purpose = "Parcel volumes per courier for the " + workDomain + " review";
        String requestId = http.postJson(
                        steps.api("/api/governance/v1/access-requests"),
                        identities.dataConsumer(),
                        Map.of(
                                "productId",
                                workProduct,
                                "portName",
                                workProduct + "-table",
                                "purpose",
                                purpose,
                                "requestedUntil",
                                LocalDate.now()
                                        .plusDays(90)
                                        .atStartOfDay()
                                        .toInstant(ZoneOffset.UTC)
                                        .toString()))
                .expect(201)
                .at("/request/requestId")
                .asText();

        try (BrowserSession owner = BrowserSession.open()) {
            owner.driver.get(portal("/"));
            owner.signIn(workOwner, identities.ownerPassword());
            owner.visible(By.linkText("My work")).click();
            WebElement request = owner.visible(By.id("request-" + requestId));
            assertThat(request.getText()).contains(workProduct, "carl-consumer", purpose);
            assertThat(owner.driver.findElement(By.id("failing")).getText()).contains(WORK_NAME, POLICY_NAME);
            owner.assertNoSeriousViolations("my-work");
            owner.screenshot(images().resolve("portal-my-work.png"));

            // A rejection needs a reason: sending none comes back with the error and decides nothing.
            request.findElement(By.cssSelector("button[value=REJECTED]")).click();
            assertThat(owner.visible(By.cssSelector(".error-summary")).getText())
                    .contains("Say why you reject");
            owner.assertNoSeriousViolations("my-work with an error");

            owner.visible(By.id("request-" + requestId))
                    .findElement(By.cssSelector("button[value=APPROVED]"))
                    .click();
            assertThat(owner.visible(By.cssSelector("#decided .access-status")).getText())
                    .isEqualTo("APPROVED");
            assertThat(owner.driver.getCurrentUrl()).contains("/me?decided=" + requestId);
            assertThat(owner.driver.findElements(By.id("request-" + requestId))).isEmpty();
        }

        try (BrowserSession consumer = BrowserSession.open()) {
            consumer.driver.get(portal("/me"));
            consumer.signIn("carl-consumer", DEMO_PASSWORD);
            WebElement mine = consumer.visible(By.cssSelector("table.my-requests"));
            assertThat(mine.findElements(By.tagName("tr")))
                    .extracting(WebElement::getText)
                    .anySatisfy(row -> assertThat(row).contains(workProduct, "APPROVED"));
            consumer.assertNoSeriousViolations("my-work of a consumer");

            consumer.driver.get(portal("/products/" + workProduct));
            assertThat(consumer.visible(By.cssSelector("table.access-requests")).getText())
                    .contains(workProduct + "-table", "APPROVED");
        }
    }

    @Test
    void theGovernanceOfficerReadsScoresFailingPoliciesAndAPolicysHistory() {
        try (BrowserSession officer = BrowserSession.open()) {
            officer.driver.get(portal("/"));
            officer.signIn("gina-governance", DEMO_PASSWORD);
            officer.visible(By.linkText("Governance")).click();
            browserTitle(officer, "Governance");
            assertThat(officer.visible(By.cssSelector("#scores .score-line")).getText())
                    .contains("The platform");
            assertThat(officer.driver.findElements(By.cssSelector("table.domain-scores tbody tr")))
                    .isNotEmpty();
            WebElement chart = officer.visible(By.cssSelector("#scores svg.trend-chart"));
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(officer.driver.findElement(By.id("failing")).getText()).contains("Products by score band");
            officer.screenshot(images().resolve("portal-governance.png"));
            officer.driver
                    .findElement(By.cssSelector("#scores details.chart-table summary"))
                    .click();
            assertThat(officer.visible(By.cssSelector("#scores details.chart-table table"))
                            .getText())
                    .contains("Platform", LocalDate.now(ZoneOffset.UTC).toString());
            officer.assertNoSeriousViolations("governance");

            officer.driver
                    .findElement(By.cssSelector("a[href='/governance/policies/" + workPolicy + "']"))
                    .click();
            assertThat(officer.visible(By.id("policy-title")).getText()).isEqualTo(POLICY_NAME);
            List<String> versions =
                    officer.driver.findElements(By.cssSelector("table.policy-history tbody th")).stream()
                            .map(WebElement::getText)
                            .toList();
            assertThat(versions).containsExactly("2", "1");
            officer.assertNoSeriousViolations("policy");

            officer.driver.get(portal("/domains/" + workDomain));
            assertThat(officer.visible(By.cssSelector("#score .score-line")).getText())
                    .contains("Band");
            assertThat(officer.driver.findElement(By.id("products")).getText()).contains(WORK_NAME);
            assertThat(officer.driver.findElement(By.id("owners")).getText())
                    .contains("/domains/" + workDomain, workDomain + "-lead");
            officer.assertNoSeriousViolations("domain");
            officer.visible(By.linkText("Domains")).click();
            officer.visible(By.cssSelector("table.domains"));
            officer.assertNoSeriousViolations("domains");
        }
    }

    @Test
    void anOwnerSeesNoOtherDomainsDraftNeitherInSearchNorAtItsAddress() {
        String retail = steps.newDomain("retail");
        String health = steps.newDomain("health");
        String healthOwner = identities.domainOwner(health);
        identities.domainOwner(retail);
        String draft = health + "-admissions";
        String name = "Ward Admissions " + health;
        steps.apply(
                healthOwner,
                draft,
                Descriptors.product(draft, health, name, "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        Awaitility.await("the draft is searchable for its own domain's owner")
                .atMost(Duration.ofSeconds(90))
                .until(() -> http.get(steps.api("/api/catalog/v1/search?q=" + health), healthOwner)
                                .expect(200)
                                .at("/total")
                                .asInt()
                        == 1);

        try (BrowserSession owner = BrowserSession.open()) {
            owner.driver.get(portal("/"));
            owner.signIn("owner-" + retail, identities.ownerPassword());
            WebElement box = owner.visible(By.id("q"));
            box.sendKeys(health);
            box.submit();
            assertThat(owner.visible(By.id("results-title")).getText()).startsWith("0 products");
            assertThat(owner.driver.findElements(By.cssSelector("a[href='/products/" + draft + "']")))
                    .isEmpty();

            owner.driver.get(portal("/products/" + draft));
            assertThat(owner.visible(By.cssSelector(".error-code")).getText()).isEqualTo("Error 404");
            assertThat(owner.driver.getPageSource()).doesNotContain(name);

            owner.driver.get(portal("/domains/" + health));
            assertThat(owner.visible(By.id("products")).getText()).contains("no product you may see");
        }
    }

    @Test
    void aStoppedServiceBlanksOnlyItsOwnPanel() {
        ManagedProcess governance = stack.service(PlatformService.GOVERNANCE);
        try (BrowserSession officer = BrowserSession.open()) {
            officer.driver.get(portal("/domains/" + workDomain));
            officer.signIn("gina-governance", DEMO_PASSWORD);
            officer.visible(By.cssSelector("#score .score-line"));

            governance.close();
            officer.driver.navigate().refresh();
            assertThat(officer.visible(By.cssSelector("#score .panel-status")).getText())
                    .contains("cannot be shown right now");
            // The registry's and the catalog's parts are untouched.
            assertThat(officer.driver.findElement(By.id("domain-title")).getText())
                    .isEqualTo("Domain " + workDomain);
            assertThat(officer.driver.findElement(By.id("products")).getText()).contains(WORK_NAME);
            officer.assertNoSeriousViolations("domain with a service down");
        } finally {
            governance.start();
            governance.awaitReady(Duration.ofMinutes(3));
            Awaitility.await("the gateway serves governance again")
                    .atMost(Duration.ofSeconds(60))
                    .until(() ->
                            http.get(steps.api("/api/governance/v1/scores/platform"), identities.governanceOfficer())
                                            .status()
                                    == 200);
        }
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
            browser.visible(By.cssSelector("#suggestions a[href='/products/" + productId + "?via=search']"));
            box.clear();
            box.sendKeys("warehose shipments");
            box.submit();
            WebElement hit = browser.visible(By.cssSelector(".hits a[href='/products/" + productId + "?via=search']"));
            assertThat(hit.getText()).isEqualTo(NAME);
            assertThat(browser.driver.findElements(By.cssSelector(".facets legend")))
                    .extracting(WebElement::getText)
                    .contains("Domain", "Status", "Tag");
            browser.assertNoSeriousViolations("search");
            browser.screenshot(images().resolve("portal-search.png"));

            hit.click();
            browser.visible(By.id("product-title"));
            assertThat(browser.driver.getTitle()).startsWith(NAME);
            String schema = browser.visible(By.cssSelector("table.schema")).getText();
            assertThat(schema).contains("customer_email", "restricted", "pii", "Primary key");
            assertThat(browser.driver.findElement(By.id("about")).getText()).contains(RegistrySteps.PURPOSE);
            assertThat(browser.driver.findElement(By.id("versions")).getText()).contains("1.0.0", "PUBLISHED");
            browser.assertNoSeriousViolations("product");
            browser.screenshot(images().resolve("portal-product.png"));
            // Opened from a hit, the page counts as a click-through in the product's attention.
            Awaitility.await("a search click-through counted for " + productId)
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> http.get(
                                            steps.api("/api/lineage/v1/products/" + productId + "/usage?days=30"),
                                            identities.dataConsumer())
                                    .body()
                                    .at("/attention/clickThroughs")
                                    .asLong(),
                            clicks -> clicks >= 1);

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

    private static void browserTitle(BrowserSession browser, String title) {
        browser.wait.until(ExpectedConditions.titleContains(title));
    }

    private static String write(Object body) {
        try {
            return PlatformClient.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
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
 * The product page's depth in a real Chromium, through the gateway, signed in on the real Keycloak
 * login page as the realm's demo consumer. The products are published the way the demo estate
 * publishes its own (an owner, a classified contract with a row-count rule and a freshness SLA, a
 * breaking 2.0.0, a consumer declaring an input port, a load run reporting its row count), in a domain
 * of their own so the test does not depend on the demo having been seeded.
 *
 * <p>The consumer opens the product, sees its lineage graph, its compliance score and its quality, follows
 * a node of the graph to the consuming product, opens that product's lineage page and its table, asks
 * who breaks if the port changes, and compares the two versions. axe-core finds no serious or critical
 * WCAG 2.2 AA violation on the product page with its panels, the lineage page, the impact page and the
 * comparison. Screenshots of the score panel and the lineage page go to docs/images.
 */
@ExtendWith(SharedStack.class)
class PortalProductBrowserTest {

    private static final String DEMO_PASSWORD = "tessera-demo";

    private static final LocalStack stack = SharedStack.get();
    private static final Identities identities = SharedStack.identities();
    private static final RegistrySteps steps = new RegistrySteps(stack);
    private static final PlatformClient http = new PlatformClient();
    private static String domain;
    private static String orders;
    private static String revenue;

    @BeforeAll
    static void aProductWithAConsumerAScoreAQualityRecordAndABreakingSecondVersion() {
        domain = steps.newDomain("pp");
        String owner = identities.domainOwner(domain);
        orders = domain + "-orders";
        revenue = domain + "-revenue";

        steps.apply(owner, orders, ordersDescriptor("1.0.0", true));
        steps.requestPublish(owner, orders, "1.0.0");
        assertThat(steps.awaitDecision(orders, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
        // 2.0.0 drops a column; with no consumer yet, governance lets the major version through.
        steps.apply(owner, orders, ordersDescriptor("2.0.0", false));
        steps.requestPublish(owner, orders, "2.0.0");
        assertThat(steps.awaitDecision(orders, "2.0.0").path("status").asText()).isEqualTo("PUBLISHED");

        steps.apply(
                owner,
                revenue,
                Descriptors.withQuality(
                        Descriptors.product(
                                revenue,
                                domain,
                                "Revenue",
                                "1.0.0",
                                "Revenue per day and region, from the orders.",
                                true,
                                List.of(orders + "-contract"),
                                null),
                        1000,
                        1,
                        "d"));
        steps.requestPublish(owner, revenue, "1.0.0");
        assertThat(steps.awaitDecision(revenue, "1.0.0").path("status").asText())
                .isEqualTo("PUBLISHED");

        loadRun(orders, 25_000);

        String consumer = identities.dataConsumer();
        Awaitility.await("lineage links the consumer to the orders")
                .atMost(Duration.ofSeconds(90))
                .until(() -> StreamSupport.stream(
                                http.get(
                                                steps.api(
                                                        "/api/lineage/v1/graph?direction=downstream&depth=2&type=PRODUCT&node="
                                                                + "PRODUCT:" + orders),
                                                consumer)
                                        .expect(200)
                                        .at("/items")
                                        .spliterator(),
                                false)
                        .anyMatch(n -> revenue.equals(n.path("id").asText())));
        Awaitility.await("governance's evaluation and quality of the orders")
                .atMost(Duration.ofSeconds(90))
                .until(() -> http.get(steps.api("/api/governance/v1/products/" + orders + "/evaluation"), consumer)
                                        .status()
                                == 200
                        && "PASSING"
                                .equals(http.get(
                                                steps.api("/api/governance/v1/products/" + orders + "/quality"),
                                                consumer)
                                        .body()
                                        .path("status")
                                        .asText()));
    }

    @Test
    void theConsumerFollowsTheGraphReadsScoreAndQualityAndSeesWhoAChangeBreaks() {
        try (BrowserSession browser = BrowserSession.open()) {
            browser.driver.get(portal("/products/" + orders));
            browser.signIn("carl-consumer", DEMO_PASSWORD);

            // The product page: graph one hop each way, score and quality panels.
            browser.visible(By.id("product-title"));
            WebElement graph = browser.visible(By.cssSelector("#lineage svg.lineage-graph"));
            assertThat(graph.findElements(By.cssSelector("a.node.root"))).hasSize(1);
            String score = browser.visible(By.id("score")).getText();
            assertThat(score).contains("Score", "Owner and support channel");
            assertThat(browser.driver.findElements(By.cssSelector("#score .outcome")))
                    .isNotEmpty();
            String quality = browser.visible(By.id("quality")).getText();
            assertThat(quality).contains("PASSING", orders + "-table", "enough rows");
            assertThat(browser.visible(By.id("usage")).getText()).startsWith("Usage");
            browser.assertNoSeriousViolations("product");
            browser.driver.executeScript(
                    "arguments[0].scrollIntoView(true)", browser.driver.findElement(By.id("score")));
            browser.screenshot(images().resolve("portal-score.png"));

            // A node of the graph leads to the consuming product's page.
            WebElement consumerNode = browser.visible(
                    By.cssSelector("#lineage svg.lineage-graph a.node[href='/products/" + revenue + "']"));
            assertThat(consumerNode.getAttribute("aria-label")).contains("Product " + revenue, "downstream");
            consumerNode.click();
            browser.wait.until(ExpectedConditions.urlContains("/products/" + revenue));
            assertThat(browser.visible(By.id("product-title")).getText()).isEqualTo("Revenue");
            assertThat(browser.visible(By.cssSelector("ul.upstream")).getText()).contains(orders);

            // Its lineage page, the depth control and the table that says the same as the drawing.
            browser.visible(By.linkText("Open the lineage page")).click();
            browser.visible(By.id("lineage-title"));
            assertThat(browser.driver.findElements(
                            By.cssSelector("svg.lineage-graph a.node[href='/products/" + orders + "']")))
                    .hasSize(1);
            new Select(browser.driver.findElement(By.id("lineage-depth"))).selectByValue("2");
            browser.driver
                    .findElement(By.cssSelector(".lineage-controls button[type=submit]"))
                    .click();
            browser.wait.until(ExpectedConditions.urlContains("depth=2"));
            browser.visible(By.cssSelector("svg.lineage-graph"));
            browser.assertNoSeriousViolations("lineage");
            browser.screenshot(images().resolve("portal-lineage.png"));
            browser.visible(By.cssSelector("a.table-link")).click();
            browser.wait.until(ExpectedConditions.urlContains("#lineage-table"));
            WebElement row = browser.visible(By.xpath(
                    "//table[contains(@class,'lineage-table')]//th/a[@href='/products/" + orders + "']/../.."));
            assertThat(row.getText()).contains("Product", "Upstream");

            // Who breaks if the orders' table changes, with the owner the registry names.
            browser.driver.get(portal("/products/" + orders + "/impact?port=" + orders + "-table"));
            WebElement affected = browser.visible(
                    By.xpath("//table[contains(@class,'impact')]//a[@href='/products/" + revenue + "']/../.."));
            assertThat(affected.getText()).contains(domain + "-lead", "declared input port");
            browser.assertNoSeriousViolations("impact");

            // The two versions compared: the dropped column is a breaking change, marked.
            browser.driver.get(portal("/products/" + orders));
            browser.visible(By.cssSelector(".compare-form button[type=submit]")).click();
            browser.wait.until(ExpectedConditions.urlContains("/diff?from=1.0.0&to=2.0.0"));
            assertThat(browser.visible(By.cssSelector(".breaking-summary")).getText())
                    .contains("1 breaking change");
            assertThat(browser.visible(By.cssSelector("table.changes tr.breaking"))
                            .getText())
                    .contains("customer_email", "Breaking");
            browser.assertNoSeriousViolations("comparison");
        }
    }

    private static String ordersDescriptor(String version, boolean withEmail) {
        String descriptor = Descriptors.withQuality(
                Descriptors.product(orders, domain, "Orders", version, RegistrySteps.PURPOSE, true, List.of(), null),
                1000,
                1,
                "d");
        return withEmail
                ? descriptor
                : descriptor.replace(
                        "            - name: customer_email\n"
                                + "              logicalType: string\n"
                                + "              tags: [pii]\n"
                                + "              classification: restricted\n",
                        "");
    }

    /** A load run of the product's table reporting its row count, as the demo's pipelines report theirs. */
    private static void loadRun(String productId, long rows) {
        String table = productId.replace('-', '_');
        String event = """
                {"eventType":"COMPLETE","eventTime":"%s","producer":"https://github.com/tessera/browser-test",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"%s"},
                 "job":{"namespace":"airflow","name":"%s.load"},
                 "inputs":[],
                 "outputs":[{"namespace":"postgres://warehouse.example.com:5432","name":"analytics.%s.%s",
                   "outputFacets":{"outputStatistics":{"_producer":"https://github.com/tessera/browser-test",
                     "_schemaURL":"https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json",
                     "rowCount":%d}}}]}
                """.formatted(
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        UUID.randomUUID(),
                        table,
                        domain.replace('-', '_'),
                        table,
                        rows);
        http.post(steps.api("/api/v1/lineage"), identities.platformAdmin(), "application/json", event)
                .expect(200, 201, 202);
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

package dev.tessera.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.local.DemoSeed;
import dev.tessera.local.DemoWebhookReceiver;
import dev.tessera.local.Descriptors;
import dev.tessera.local.LocalStack;
import dev.tessera.local.PlatformClient;
import dev.tessera.local.PlatformService;
import dev.tessera.local.StackOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal as its users meet it, on the whole stack the run command starts (every service, the
 * gateway and the real Keycloak) with the demo estate seeded, signed in as the demo consumer:
 *
 * <ul>
 *   <li>(a) the time the product page and the search page take, one request at a time through the
 *       gateway at a fixed pace, beside the floor: the same API calls the page makes (all at once, as
 *       the page makes them) with the same user's token, measured in the same run, interleaved;
 *   <li>(b) the time Chromium takes to show a lineage graph of 500 nodes: from navigation start to the
 *       second animation frame after the load event (the drawing painted), beside the page's server
 *       time;
 *   <li>(c) the weight of each page with its stylesheet and script, uncompressed, as Chromium's
 *       resource timing reports it.
 * </ul>
 *
 * The services run on the test kit's PostgreSQL (commits not durable), which a read-only benchmark
 * does not exercise. The gateway limits each user to 50 API calls a second; a product page makes seven,
 * so requests are paced to stay under it, and a page that shows any panel as failed is counted and
 * fails the run.
 */
final class PortalBenchmark {

    private static final String CONSUMER = "carl-consumer";
    private static final String ADMIN = "alice-admin";
    private static final String PASSWORD = "tessera-demo";
    private static final String PRODUCT = "retail-orders";
    private static final String SEARCH = "orders";
    /** The generated neighbourhood: a product, its table and this many datasets fed from it. */
    private static final int GRAPH_NODES = 500;

    private static final String HUB = "retail-lineage-hub";

    private final Path root;
    private final int samples = Integer.getInteger("bench.portal.samples", 300);
    private final int warmup = Integer.getInteger("bench.portal.warmup", 50);
    private final int renders = Integer.getInteger("bench.portal.renders", 20);
    /** Pause between the starts of two measured rounds: a page and its floor. */
    private final Duration pace = Duration.ofMillis(Long.getLong("bench.portal.paceMillis", 300));

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final PlatformClient platform = new PlatformClient();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private int degraded;

    PortalBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        Path data = root.resolve("benchmarks/target/bench-portal-" + System.currentTimeMillis());
        Files.createDirectories(data);
        System.out.println(
                "Starting the stack (PostgreSQL, Kafka, Keycloak, every service, the gateway, the portal) ...");
        try (LocalStack stack = LocalStack.start(
                        StackOptions.forTests(root, data, EnumSet.allOf(PlatformService.class), true));
                DemoWebhookReceiver receiver = DemoWebhookReceiver.start(0, data.resolve("logs/demo-webhooks.jsonl"))) {
            System.out.println("Seeding the demo estate ...");
            new DemoSeed(stack, receiver.url()).run();
            String consumer = token(stack, CONSUMER);
            String admin = token(stack, ADMIN);
            URI gateway = stack.service(PlatformService.GATEWAY).uri("/");
            String origin = "http://127.0.0.1:" + gateway.getPort();
            awaitEstate(origin, consumer);
            System.out.println("Generating a neighbourhood of " + GRAPH_NODES + " nodes around " + HUB + " ...");
            neighbourhood(origin, admin, consumer);

            ResultTable table = new ResultTable("Portal: pages through the gateway, signed in as " + CONSUMER);
            String loadBefore = loadAverage();
            try (Chromium chromium = Chromium.open()) {
                chromium.signIn(origin + "/", CONSUMER, PASSWORD);
                chromium.cookies().forEach(cookies::put);

                pageAgainstFloor(
                        table,
                        "product page " + PRODUCT,
                        origin,
                        "/products/" + PRODUCT,
                        productPageCalls(),
                        origin,
                        consumer);
                pageAgainstFloor(
                        table,
                        "search page ?q=" + SEARCH,
                        origin,
                        "/?q=" + SEARCH,
                        List.of("/api/catalog/v1/search?q=" + SEARCH + "&limit=20"),
                        origin,
                        consumer);

                renderGraph(table, chromium, origin);
                weights(table, chromium, origin);
            }
            String loadAfter = loadAverage();
            table.print();
            System.out.printf(
                    "Load average (1/5/15 min) before: %s, after: %s. Pages with a failed panel: %d.%n",
                    loadBefore, loadAfter, degraded);
            if (degraded > 0) {
                throw new IllegalStateException(degraded + " measured pages showed a failed panel; the figures"
                        + " are not those of whole pages");
            }
        }
    }

    // ---- (a) page time against its API calls ---------------------------------------------------

    /** The calls the product page makes, as it makes them. */
    private static List<String> productPageCalls() {
        return List.of(
                "/api/registry/v1/products/" + PRODUCT,
                "/api/catalog/v1/products/" + PRODUCT,
                "/api/lineage/v1/export?node=PRODUCT%3A" + PRODUCT
                        + "&direction=both&depth=2&maxNodes=2000&format=json",
                "/api/governance/v1/products/" + PRODUCT + "/evaluation",
                "/api/governance/v1/products/" + PRODUCT + "/quality",
                "/api/lineage/v1/products/" + PRODUCT + "/usage",
                "/api/governance/v1/access-requests?limit=100");
    }

    private void pageAgainstFloor(
            ResultTable table,
            String scenario,
            String origin,
            String page,
            List<String> calls,
            String apiOrigin,
            String token) {
        System.out.printf(
                "Measuring %s: %d warm-up and %d measured rounds, one every %d ms ...%n",
                scenario, warmup, samples, pace.toMillis());
        long[] pageTimes = new long[samples];
        long[] floorTimes = new long[samples];
        long[][] callTimes = new long[calls.size()][samples];
        long next = System.nanoTime();
        for (int i = -warmup; i < samples; i++) {
            next = waitUntil(next);
            long t0 = System.nanoTime();
            String html = getPage(origin + page);
            long pageTime = System.nanoTime() - t0;
            if (html.contains("cannot be shown right now") || html.contains("could not be shown")) {
                degraded++;
            }
            next = waitUntil(next);
            long t1 = System.nanoTime();
            List<CompletableFuture<Long>> all =
                    calls.stream().map(c -> timedApiCall(apiOrigin + c, token)).toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            long floorTime = System.nanoTime() - t1;
            if (i >= 0) {
                pageTimes[i] = pageTime;
                floorTimes[i] = floorTime;
                for (int c = 0; c < calls.size(); c++) {
                    callTimes[c][i] = all.get(c).join();
                }
            }
        }
        Stats pageStats = new Stats(pageTimes);
        Stats floorStats = new Stats(floorTimes);
        table.add(
                scenario + " p50",
                pageStats.percentileMillis(50),
                floorStats.percentileMillis(50),
                "ms",
                "floor: its " + calls.size() + " API call(s) at once");
        double p95 = pageStats.percentileMillis(95);
        table.goal(scenario + " p95", p95, floorStats.percentileMillis(95), "ms", "p95 < 100 ms", p95 < 100);
        for (int c = 0; c < calls.size(); c++) {
            Stats s = new Stats(callTimes[c]);
            table.add(
                    "  call " + shortCall(calls.get(c)) + " p95",
                    s.percentileMillis(95),
                    Double.NaN,
                    "ms",
                    String.format("p50 %.1f ms, in the floor's rounds", s.percentileMillis(50)));
        }
    }

    /** GETs a page with the session's cookies, keeping any cookie it sets (a refreshed session). */
    private String getPage(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html")
                .header("Cookie", cookieHeader())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            keepCookies(response);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Long> timedApiCall(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long t0 = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            long took = System.nanoTime() - t0;
            // 404: a service without the endpoint yet (usage), which the page shows as "no usage yet" too.
            if (response.statusCode() != 200 && response.statusCode() != 404) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return took;
        });
    }

    // ---- (b) a 500-node graph in Chromium --------------------------------------------------------

    private void renderGraph(ResultTable table, Chromium chromium, String origin) {
        String url = origin + "/products/" + HUB + "/lineage?depth=3&all=true";
        System.out.printf("Rendering %s in Chromium %d times (after 3 warm-up loads) ...%n", url, renders);
        long[] shown = new long[renders];
        long[] server = new long[renders];
        int boxes = 0;
        for (int i = -3; i < renders; i++) {
            Chromium.Timing timing = chromium.render(url);
            boxes = timing.boxes();
            if (i >= 0) {
                shown[i] = timing.paintedNanos();
                server[i] = timing.serverNanos();
            }
        }
        if (boxes != GRAPH_NODES) {
            throw new IllegalStateException("the graph page drew " + boxes + " boxes, not " + GRAPH_NODES);
        }
        Stats s = new Stats(shown);
        Stats srv = new Stats(server);
        table.add(
                "500-node lineage graph: server p50",
                srv.percentileMillis(50),
                Double.NaN,
                "ms",
                "request sent to last byte, in Chromium");
        double p95 = s.percentileMillis(95);
        table.add("500-node lineage graph: shown p50", s.percentileMillis(50), Double.NaN, "ms", "");
        table.goal("500-node lineage graph: shown p95", p95, Double.NaN, "ms", "< 1,000 ms", p95 < 1000);
    }

    // ---- (c) weights -----------------------------------------------------------------------------

    private void weights(ResultTable table, Chromium chromium, String origin) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("search ?q=" + SEARCH, "/?q=" + SEARCH);
        pages.put("product " + PRODUCT, "/products/" + PRODUCT);
        pages.put("lineage of " + PRODUCT, "/products/" + PRODUCT + "/lineage");
        pages.put("impact of " + PRODUCT + "-table", "/products/" + PRODUCT + "/impact?port=" + PRODUCT + "-table");
        pages.put("versions of " + PRODUCT + " compared", "/products/" + PRODUCT + "/diff");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Chromium.Weight w = chromium.weigh(origin + page.getValue());
            double kb = w.bytes() / 1024.0;
            table.goal(
                    "weight: " + page.getKey() + " (" + w.resources() + " files)",
                    kb,
                    Double.NaN,
                    "KiB",
                    "< 300 KB with its assets",
                    w.bytes() < 300_000);
        }
        Chromium.Weight graph = chromium.weigh(origin + "/products/" + HUB + "/lineage?depth=3&all=true");
        table.add(
                "weight: 500-node lineage graph (" + graph.resources() + " files)",
                graph.bytes() / 1024.0,
                Double.NaN,
                "KiB",
                "reported only: the whole graph on request");
    }

    // ---- the estate --------------------------------------------------------------------------------

    private void awaitEstate(String origin, String consumer) {
        Awaitility.await("the demo estate searchable, evaluated and with quality")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> platform.get(URI.create(origin + "/api/catalog/v1/search?q=" + SEARCH), consumer)
                                        .body()
                                        .path("total")
                                        .asInt()
                                > 0
                        && platform.get(
                                                URI.create(origin + "/api/governance/v1/products/" + PRODUCT
                                                        + "/evaluation"),
                                                consumer)
                                        .status()
                                == 200
                        && platform.get(
                                                URI.create(
                                                        origin + "/api/governance/v1/products/" + PRODUCT + "/quality"),
                                                consumer)
                                        .status()
                                == 200);
    }

    /**
     * A published product whose table a job reads to write 21 datasets, each of which another job
     * reads to write 22 or 23 more: with the product and its table, 500 products and datasets within
     * three hops.
     */
    private void neighbourhood(String origin, String admin, String consumer) {
        platform.put(
                        URI.create(origin + "/api/registry/v1/products/" + HUB),
                        admin,
                        "application/yaml",
                        Descriptors.product(
                                HUB,
                                "retail",
                                "Lineage hub",
                                "1.0.0",
                                "A product whose table feeds many others, for the portal benchmark.",
                                true,
                                List.of(),
                                null))
                .expect(200, 201);
        platform.postJson(
                        URI.create(origin + "/api/registry/v1/products/" + HUB + "/versions/1.0.0/transitions"),
                        admin,
                        Map.of("to", "PENDING_APPROVAL"))
                .expect(200);
        String table = "analytics.retail." + HUB.replace('-', '_');
        int middle = 21;
        int leaves = GRAPH_NODES - 2 - middle;
        List<String> second = new ArrayList<>();
        for (int i = 0; i < middle; i++) {
            second.add("analytics.bench.fanout_" + i);
        }
        runEvent(origin, admin, "bench.fan_out", table, second);
        for (int i = 0; i < middle; i++) {
            int count = leaves / middle + (i < leaves % middle ? 1 : 0);
            List<String> outputs = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                outputs.add("analytics.bench.leaf_" + i + "_" + j);
            }
            runEvent(origin, admin, "bench.fan_out_" + i, second.get(i), outputs);
        }
        Awaitility.await("lineage holds the generated neighbourhood")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode export = platform.get(
                                    URI.create(origin + "/api/lineage/v1/export?node=PRODUCT%3A" + HUB
                                            + "&direction=both&depth=6&format=json"),
                                    consumer)
                            .body();
                    long shown = 0;
                    for (JsonNode n : export.path("nodes")) {
                        String type = n.path("type").asText();
                        if (type.equals("PRODUCT") || type.equals("DATASET")) {
                            shown++;
                        }
                    }
                    return shown >= GRAPH_NODES;
                });
    }

    private void runEvent(String origin, String admin, String job, String input, List<String> outputs) {
        String namespace = "postgres://warehouse.example.com:5432";
        String outs = outputs.stream()
                .map(o -> "{\"namespace\":\"" + namespace + "\",\"name\":\"" + o + "\"}")
                .collect(Collectors.joining(","));
        String event = """
                {"eventType":"COMPLETE","eventTime":"%s","producer":"https://github.com/tessera/portal-benchmark",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"%s"},"job":{"namespace":"airflow","name":"%s"},
                 "inputs":[{"namespace":"%s","name":"%s"}],"outputs":[%s]}
                """.formatted(
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), UUID.randomUUID(), job, namespace, input, outs);
        platform.post(URI.create(origin + "/api/v1/lineage"), admin, "application/json", event)
                .expect(200, 201, 202);
    }

    private static String token(LocalStack stack, String user) {
        HttpResponse<String> response = stack.keycloak().passwordGrant("tessera", "tessera-cli", null, user, PASSWORD);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.body());
        }
        try {
            return PlatformClient.JSON
                    .readTree(response.body())
                    .path("access_token")
                    .asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String cookieHeader() {
        return cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private void keepCookies(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(pair.substring(0, eq).strip());
                } else {
                    cookies.put(pair.substring(0, eq).strip(), value);
                }
            }
        }
    }

    private long waitUntil(long deadline) {
        long now = System.nanoTime();
        if (deadline > now) {
            LockSupport.parkNanos(deadline - now);
        }
        return Math.max(deadline, now) + pace.toNanos() / 2;
    }

    private static String shortCall(String call) {
        String path = call.contains("?") ? call.substring(0, call.indexOf('?')) : call;
        return path.replace("/api/", "").replace("/v1/", " ");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A headless Chromium driven by Selenium, found on the PATH as the portal's browser tests find it. */
    static final class Chromium implements AutoCloseable {

        private static final List<String> BROWSERS =
                List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");

        /**
         * One load of a page.
         *
         * @param paintedNanos navigation start to the second animation frame after the load event
         * @param serverNanos request sent to the response's last byte
         * @param boxes lineage boxes in the page's drawing
         */
        record Timing(long paintedNanos, long serverNanos, int boxes) {}

        /** A page's bytes with its assets (uncompressed) and how many files that is. */
        record Weight(long bytes, int resources) {}

        private final ChromeDriver driver;

        private Chromium(ChromeDriver driver) {
            this.driver = driver;
        }

        static Chromium open() {
            Path chromedriver = onPath("chromedriver");
            Path browser = BROWSERS.stream()
                    .map(Chromium::onPathOrNull)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "The portal benchmark needs Chromium or Chrome and chromedriver on the PATH"));
            ChromeOptions options = new ChromeOptions()
                    .setBinary(browser.toFile())
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-dev-shm-usage",
                            "--disable-gpu",
                            "--lang=en-US",
                            "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Chromium(new ChromeDriver(service, options));
        }

        void signIn(String url, String username, String password) {
            driver.get(url);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                    .sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
        }

        /** The session's cookies, HttpOnly ones included, for requests made outside the browser. */
        Map<String, String> cookies() {
            Map<String, String> jar = new LinkedHashMap<>();
            for (Cookie c : driver.manage().getCookies()) {
                jar.put(c.getName(), c.getValue());
            }
            return jar;
        }

        Timing render(String url) {
            driver.get("about:blank");
            driver.get(url);
            Object result = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const finish = () => requestAnimationFrame(() => requestAnimationFrame(() => {
                      const nav = performance.getEntriesByType('navigation')[0];
                      done([performance.now() - nav.startTime, nav.responseEnd - nav.requestStart,
                            document.querySelectorAll('svg.lineage-graph .node').length]);
                    }));
                    if (document.readyState === 'complete') { finish(); } else { addEventListener('load', finish); }
                    """);
            List<?> values = (List<?>) result;
            return new Timing(
                    millisToNanos(values.get(0)), millisToNanos(values.get(1)), ((Number) values.get(2)).intValue());
        }

        Weight weigh(String url) {
            driver.get("about:blank");
            driver.get(url);
            Object result = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const weigh = () => {
                      const entries = [...performance.getEntriesByType('navigation'),
                                       ...performance.getEntriesByType('resource')];
                      done([entries.reduce((sum, e) => sum + (e.decodedBodySize || 0), 0), entries.length]);
                    };
                    if (document.readyState === 'complete') { weigh(); } else { addEventListener('load', weigh); }
                    """);
            List<?> values = (List<?>) result;
            return new Weight(((Number) values.get(0)).longValue(), ((Number) values.get(1)).intValue());
        }

        @Override
        public void close() {
            driver.quit();
        }

        private static long millisToNanos(Object millis) {
            return Math.round(((Number) millis).doubleValue() * 1_000_000);
        }

        private static Path onPath(String name) {
            Path found = onPathOrNull(name);
            if (found == null) {
                throw new IllegalStateException("The portal benchmark needs " + name + " on the PATH");
            }
            return found;
        }

        private static Path onPathOrNull(String name) {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
            return null;
        }
    }

    static {
        // Selenium's own logging is chatty at INFO; the benchmark prints what matters.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.WARNING);
    }
}

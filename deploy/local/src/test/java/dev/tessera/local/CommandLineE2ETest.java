package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tessera.testkit.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tessera} command line run as a process against the real stack: the gateway, the services and Keycloak
 * started as the run command starts them, and a real PostgreSQL for {@code tessera test}. Each test is what a data
 * product repository's CI job or an owner at a terminal does.
 */
@ExtendWith(SharedStack.class)
class CommandLineE2ETest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String CI_SECRET = "tessera-ci-demo-secret-change-me";

    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);
    private final PlatformClient http = new PlatformClient();

    @TempDir
    Path dir;

    private TesseraCommandLine tessera() {
        return new TesseraCommandLine(stack, dir);
    }

    @Test
    void lintThroughTheLauncherPassesTheCorpusAndPointsAtABrokenField() throws IOException {
        Path corpus = Path.of(System.getProperty("tessera.root", "../.."))
                .resolve("platform/standards/src/test/resources/corpus");
        TesseraCommandLine.Result clean = tessera().run(Map.of(), "lint", corpus.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();

        Path broken = write(
                "broken.odps.yaml",
                Descriptors.product("lint-me", "retail", "Lint", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null)
                        .replace("              primaryKey: true", "              primaryKey: yes-please"));
        TesseraCommandLine.Result result = tessera().run(Map.of(), "lint", broken.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.lines())
                .anyMatch(line -> line.startsWith(broken + ":")
                        && line.contains(": error /outputPorts/0/contract/schema/0/properties/0/primaryKey "));
    }

    @Test
    void diffNamesTheBreakingChangeAndTheConsumerItWouldHit() throws IOException {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        String orders = domain + "-orders";
        Path v1 = write(
                "v1.odps.yaml",
                Descriptors.product(
                        orders, domain, "Orders", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), "customer_name"));
        TesseraCommandLine tessera = tessera();
        assertThat(tessera.as(owner, "apply", v1.toString()).exitCode()).isZero();
        TesseraCommandLine.Result published = tessera.as(owner, "publish", orders, "1.0.0", "--wait");
        assertThat(published.stdout()).as(published.toString()).contains("is PUBLISHED");
        String revenue = domain + "-revenue";
        steps.apply(
                owner,
                revenue,
                Descriptors.product(
                        revenue,
                        domain,
                        "Revenue",
                        "1.0.0",
                        RegistrySteps.PURPOSE,
                        true,
                        List.of(orders + "-contract"),
                        null));

        Path v2 = write(
                "v2.odps.yaml",
                Descriptors.product(orders, domain, "Orders", "1.1.0", RegistrySteps.PURPOSE, true, List.of(), null));
        TesseraCommandLine.Result diff = tessera.as(owner, "diff", v2.toString());

        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(3);
        assertThat(diff.stdout()).contains("BREAKING property-removed").contains("customer_name");
        assertThat(diff.lines())
                .anyMatch(line -> line.contains("hits " + revenue + " (domain " + domain + ") through INPUT_PORT"));
        assertThat(diff.stdout()).doesNotContain("finds other breaking changes");

        JsonNode json = PlatformClient.JSON.readTree(
                tessera.as(owner, "diff", v2.toString(), "-o", "json").stdout());
        assertThat(json.path("refused").asBoolean()).isTrue();
        assertThat(json.at("/changes/0/consumers/0/productId").asText()).isEqualTo(revenue);
    }

    @Test
    void applyPreviewsIsIdempotentAndPrunesWhatTheFilesNoLongerList() throws IOException {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        Path products = Files.createDirectories(dir.resolve("products"));
        String kept = domain + "-kept";
        String dropped = domain + "-dropped";
        Files.writeString(
                products.resolve("kept.odps.yaml"),
                Descriptors.product(kept, domain, "Kept", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        Path droppedFile = Files.writeString(
                products.resolve("dropped.odps.yaml"),
                Descriptors.product(dropped, domain, "Dropped", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        TesseraCommandLine tessera = tessera();

        TesseraCommandLine.Result preview = tessera.as(owner, "apply", "--dry-run", products.toString());
        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(preview.stdout()).contains("dry run: 2 created");
        assertThat(http.get(steps.api("/api/registry/v1/products/" + kept), owner)
                        .status())
                .isEqualTo(404);

        assertThat(tessera.as(owner, "apply", products.toString()).stdout()).contains("2 created");
        TesseraCommandLine.Result again = tessera.as(owner, "apply", products.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("0 created").contains("2 unchanged");

        assertThat(tessera.as(owner, "publish", dropped, "1.0.0", "--wait").exitCode())
                .isZero();
        Files.delete(droppedFile);

        TesseraCommandLine.Result prunePreview =
                tessera.as(owner, "apply", "--dry-run", "--prune", "--domain", domain, products.toString());
        assertThat(prunePreview.lines())
                .anyMatch(line -> line.startsWith("PRUNED")
                        && line.contains(dropped)
                        && line.contains("would move PUBLISHED -> DEPRECATED"));
        assertThat(status(owner, dropped)).isEqualTo("PUBLISHED");

        TesseraCommandLine.Result pruned = tessera.as(
                owner, "apply", "--prune", "--domain", domain, "--sunset", "2099-01-31", products.toString());
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.stdout()).contains("1 unchanged").contains("1 pruned");
        assertThat(status(owner, dropped)).isEqualTo("DEPRECATED");

        TesseraCommandLine.Result pruneAgain =
                tessera.as(owner, "apply", "--prune", "--domain", domain, products.toString());
        assertThat(pruneAgain.stdout()).contains("0 pruned");
        assertThat(tessera.as(owner, "apply", "--prune", products.toString()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void aRejectedPublicationExitsThreeWithTheFixAndTheFixedVersionIsPublished() throws IOException {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        String id = domain + "-orphans";
        Path file = write(
                "orphans.odps.yaml",
                Descriptors.product(id, domain, "Orphans", "1.0.0", RegistrySteps.PURPOSE, false, List.of(), null));
        TesseraCommandLine tessera = tessera();
        assertThat(tessera.as(owner, "apply", file.toString()).stdout()).contains("CREATED");

        TesseraCommandLine.Result rejected = tessera.as(owner, "publish", id, "1.0.0", "--wait");
        assertThat(rejected.exitCode()).as(rejected.toString()).isEqualTo(3);
        assertThat(rejected.stdout())
                .contains("REJECTED")
                .contains("owner-and-support")
                .contains("fix: Add a team member with role `owner`");

        Files.writeString(
                file,
                Descriptors.product(id, domain, "Orphans", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        assertThat(tessera.as(owner, "apply", file.toString()).stdout()).contains("UPDATED");
        TesseraCommandLine.Result accepted = tessera.as(owner, "publish", id, "1.0.0", "--wait");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.stdout()).contains("is PUBLISHED");
    }

    @Test
    void testChecksRealTablesAgainstTheContractAndPublishesTheResults() throws Exception {
        String domain = steps.newDomain("cli");
        String owner = identities.domainOwner(domain);
        String id = domain + "-ledger";
        EmbeddedPostgresServer postgres = stack.postgres();
        String database = "cli_" + domain.replace('-', '_');
        postgres.ensureDatabase(database);
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(database), postgres.username(), postgres.password());
                Statement sql = connection.createStatement()) {
            sql.execute("create schema good");
            sql.execute("create table good.ledger (id text primary key, customer_email text not null, amount integer)");
            sql.execute("insert into good.ledger values ('a', 'a@example.com', 1), ('b', 'b@example.com', 2),"
                    + " ('c', 'c@example.com', 3)");
            // Missing customer_email, amount of the wrong type, too few rows.
            sql.execute("create schema bad");
            sql.execute("create table bad.ledger (id text primary key, amount text)");
            sql.execute("insert into bad.ledger values ('a', 'one')");
        }
        Path file = write("ledger.odps.yaml", ledger(id, domain, postgres.port(), database));
        TesseraCommandLine tessera = tessera();
        assertThat(tessera.as(owner, "apply", file.toString()).exitCode()).isZero();
        assertThat(tessera.as(owner, "publish", id, "1.0.0", "--wait").stdout()).contains("is PUBLISHED");
        Map<String, String> db = Map.of(
                "TESSERA_TOKEN",
                owner,
                "TESSERA_DB_USER",
                postgres.username(),
                "TESSERA_DB_PASSWORD",
                postgres.password());

        TesseraCommandLine.Result good = tessera.run(db, "test", file.toString(), "--server", "good");
        assertThat(good.exitCode()).as(good.toString()).isZero();
        assertThat(good.lines()).noneMatch(line -> line.startsWith("FAIL") || line.startsWith("ERROR"));
        assertThat(good.stdout()).contains("PASS  ledger/*/rowCount/#1").contains("PASS  schema/ledger/primaryKey");

        TesseraCommandLine.Result bad = tessera.run(db, "test", file.toString(), "--server", "bad", "--publish");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(3);
        assertThat(bad.lines())
                .anyMatch(line -> line.startsWith("FAIL  schema/ledger/customer_email") && line.contains("missing"))
                .anyMatch(line ->
                        line.startsWith("FAIL  schema/ledger/amount") && line.contains("expected integer, found text"))
                .anyMatch(line -> line.startsWith("FAIL  ledger/*/rowCount/#1") && line.contains("observed 1"));
        assertThat(bad.stdout()).contains("results sent to governance");

        JsonNode quality = Awaitility.await("quality of " + id)
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> http.get(steps.api("/api/governance/v1/products/" + id + "/quality"), owner)
                                .body(),
                        q -> "FAILING".equals(q.path("status").asText()));
        assertThat(quality.toString()).contains("ledger/*/rowCount/#1");
    }

    @Test
    void aCiJobSignsInWithClientCredentials() throws IOException {
        TesseraCommandLine tessera = tessera();
        Map<String, String> ci = Map.of("TESSERA_CLIENT_ID", "tessera-ci", "TESSERA_CLIENT_SECRET", CI_SECRET);

        TesseraCommandLine.Result login = tessera.run(ci, "login", "-o", "json");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(PlatformClient.JSON.readTree(login.stdout()).path("grant").asText())
                .isEqualTo("client_credentials");
        assertThat(Files.getPosixFilePermissions(tessera.tokenFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        TesseraCommandLine.Result search = tessera.run(ci, "search", "orders");
        assertThat(search.exitCode()).as(search.toString()).isZero();
        TesseraCommandLine.Result stored = tessera.run(Map.of(), "search", "orders");
        assertThat(stored.exitCode()).as(stored.toString()).isZero();
        TesseraCommandLine.Result refused = tessera.run(
                Map.of("TESSERA_CLIENT_ID", "tessera-ci", "TESSERA_CLIENT_SECRET", "wrong"), "search", "orders");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr().lines().toList())
                .hasSize(1)
                .first()
                .asString()
                .contains("refused client tessera-ci");
    }

    @Test
    void aPersonSignsInWithTheDeviceGrantApprovedOnKeycloaksOwnPages() throws Exception {
        String domain = steps.newDomain("cli");
        identities.domainOwner(domain);
        String username = "owner-" + domain;
        TesseraCommandLine tessera = tessera();

        Process login = tessera.start(Map.of(), "login");
        String instruction = TesseraCommandLine.awaitLine(login, "To sign in, open ");
        String link = instruction.substring("To sign in, open ".length()).strip();
        approveOnKeycloak(link, username, identities.ownerPassword());
        assertThat(login.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(login.exitValue()).isZero();
        assertThat(Files.getPosixFilePermissions(tessera.tokenFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path file = write(
                "signed-in.odps.yaml",
                Descriptors.product(
                        domain + "-signed", domain, "Signed", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        TesseraCommandLine.Result apply = tessera.run(Map.of(), "apply", file.toString());
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.stdout()).contains("CREATED");

        // An expired access token is refreshed with the refresh token, and the new one kept.
        ObjectNode stored =
                (ObjectNode) PlatformClient.JSON.readTree(tessera.tokenFile().toFile());
        String before = stored.path("accessToken").asText();
        stored.put("expiresAt", 0);
        Files.writeString(tessera.tokenFile(), stored.toString());
        TesseraCommandLine.Result again = tessera.run(Map.of(), "apply", file.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("UNCHANGED");
        JsonNode refreshed = PlatformClient.JSON.readTree(tessera.tokenFile().toFile());
        assertThat(refreshed.path("accessToken").asText()).isNotEqualTo(before);
        assertThat(refreshed.path("expiresAt").asLong()).isPositive();
    }

    /**
     * What the person does in the browser, as plain HTTP: open the link, sign in on Keycloak's login form, and confirm
     * the device on whatever forms follow (the code, a consent) until Keycloak says the device is signed in.
     */
    private static void approveOnKeycloak(String link, String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .build();
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (int step = 0; step < 5; step++) {
            Matcher form = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.body());
            if (!form.find()) {
                break;
            }
            URI action = page.uri().resolve(form.group(1).replace("&amp;", "&"));
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = Pattern.compile("<input[^>]*>").matcher(page.body());
            while (input.find()) {
                String tag = input.group();
                String name = attribute(tag, "name");
                String type = attribute(tag, "type");
                // Hidden fields and filled-in text fields (the device's code) travel; buttons would choose for us.
                if (name != null && ("hidden".equals(type) || "text".equals(type))) {
                    fields.put(name, attribute(tag, "value") == null ? "" : attribute(tag, "value"));
                }
            }
            if (page.body().contains("name=\"username\"")) {
                fields.put("username", username);
                fields.put("password", password);
            } else if (page.body().contains("name=\"accept\"")) {
                fields.put("accept", "Yes");
            }
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            page = browser.send(
                    HttpRequest.newBuilder(action)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && !page.body().contains("<form")) {
                break;
            }
        }
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    /**
     * A browser's cookie jar for one loopback host. Keycloak marks its login cookies {@code Secure}; browsers send them
     * to {@code 127.0.0.1} over plain HTTP (a loopback origin counts as secure), the JDK's {@code CookieManager} does
     * not, and Keycloak would then answer "cookie not found".
     */
    private static final class LoopbackCookies extends CookieHandler {

        private final Map<String, String> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            return Map.of(
                    "Cookie",
                    List.of(cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) {
            headers.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    for (String header : values) {
                        String pair = header.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        String cookie = pair.substring(0, eq).strip();
                        String value = pair.substring(eq + 1).strip();
                        if (value.isEmpty()
                                || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                            cookies.remove(cookie);
                        } else {
                            cookies.put(cookie, value);
                        }
                    }
                }
            });
        }
    }

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? value.group(1).replace("&amp;", "&") : null;
    }

    private String status(String token, String id) {
        return http.get(steps.api("/api/registry/v1/products/" + id), token)
                .expect(200)
                .at("/versions/0/status")
                .asText();
    }

    /** A product whose contract names two servers, schemas good and bad of one database, and quality rules. */
    private static String ledger(String id, String domain, int port, String database) throws IOException {
        ObjectNode product = (ObjectNode) YAML.readTree(
                Descriptors.product(id, domain, "Ledger", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        ObjectNode contract = (ObjectNode) product.at("/outputPorts/0/contract");
        ArrayNode servers = contract.putArray("servers");
        for (String schema : List.of("good", "bad")) {
            servers.addObject()
                    .put("server", schema)
                    .put("type", "postgres")
                    .put("host", "127.0.0.1")
                    .put("port", port)
                    .put("database", database)
                    .put("schema", schema);
        }
        ObjectNode object = (ObjectNode) contract.at("/schema/0");
        object.put("name", "ledger").put("physicalName", "ledger");
        object.putArray("quality").addObject().put("metric", "rowCount").put("mustBeGreaterThan", 1);
        ArrayNode properties = (ArrayNode) object.path("properties");
        ((ObjectNode) properties.get(1)).put("required", true);
        ((ObjectNode) properties.get(1))
                .putArray("quality")
                .addObject()
                .put("metric", "nullValues")
                .put("mustBe", 0);
        properties
                .addObject()
                .put("name", "amount")
                .put("logicalType", "integer")
                .put("physicalType", "integer");
        return YAML.writeValueAsString(product);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

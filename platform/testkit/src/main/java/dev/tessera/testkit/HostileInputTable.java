package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input half of the security table: every write endpoint a service names gets alias
 * bombs, deep nesting, a string as large as the body limit allows in every field, numbers out of
 * range, invalid UTF-8 and (where the service evaluates expressions) expressions built to allocate.
 * Every answer must be a 2xx or a 4xx problem; a 5xx, a dropped connection or a dead service fails
 * the test, and the service must answer its health check afterwards.
 *
 * <p>A service test class extends it and lists its write endpoints with a valid body each. The
 * requests go to the service itself, not through the gateway, as a platform admin unless the
 * subclass says otherwise, so that they reach as deep into the service as any caller can.
 */
public abstract class HostileInputTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The size of "a mebibyte string" in the suite. */
    protected static final int MEBIBYTE = 1 << 20;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One write endpoint.
     *
     * @param method POST, PUT or DELETE
     * @param path the raw path, ids filled in
     * @param validJson a body the endpoint accepts (the hostile variants are made from it), or null
     *     for an endpoint without a body
     * @param readsYaml whether the endpoint also parses YAML bodies
     */
    public record WriteEndpoint(String method, String path, String validJson, boolean readsYaml) {

        /** A JSON-only endpoint. */
        public static WriteEndpoint json(String method, String path, String validJson) {
            return new WriteEndpoint(method, path, validJson, false);
        }

        /** An endpoint that reads JSON and YAML. */
        public static WriteEndpoint jsonOrYaml(String method, String path, String validJson) {
            return new WriteEndpoint(method, path, validJson, true);
        }
    }

    /** Every write endpoint of the service, each with a valid body. */
    protected abstract List<WriteEndpoint> writeEndpoints();

    /** The caller of every hostile request. */
    protected String callerToken() {
        return TestTokens.platformAdmin();
    }

    /**
     * Strings put in turn into every string field: text that means something to the stores and
     * parsers behind the endpoint (SQL, Lucene and JSON pointer syntax, lookups, path traversal,
     * control and bidirectional characters). A service that evaluates expressions adds the ones an
     * attacker would write to exhaust it.
     */
    protected List<String> hostileStrings() {
        return List.of(
                "'; DROP TABLE data_product; --",
                "*:* OR id:* AND \\ ~2 [* TO *] /.*/",
                "${jndi:ldap://127.0.0.1:1/a} %{x} {{7*7}}",
                "../../../../etc/passwd",
                "/~1/~0/../%2e%2e",
                "\u202Etxt.exe\u0007\u001b[2J\r\n\t",
                "\uD83D\uDE00".repeat(10_000));
    }

    @Test
    void aliasBombsAreRefusedAndTheServiceStaysUp() {
        List<String> failures = new ArrayList<>();
        for (WriteEndpoint endpoint : yamlEndpoints()) {
            for (var bomb : aliasBombs().entrySet()) {
                for (String token : List.of(callerToken(), TestTokens.dataConsumer())) {
                    Answer answer = send(endpoint, "application/yaml", bomb.getValue(), token);
                    if (!answer.isClientError()) {
                        failures.add(bomb.getKey() + " to " + endpoint.path() + ": " + answer);
                    }
                }
            }
        }
        assertHealthyAfter(failures);
    }

    @Test
    void deeplyNestedBodiesAreRefused() {
        List<String> failures = new ArrayList<>();
        byte[] jsonArrays = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        byte[] jsonObjects = ("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
        byte[] yamlFlow = ("a: " + "[".repeat(50_000) + "]".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        byte[] yamlBlock = block.toString().getBytes(StandardCharsets.UTF_8);
        for (WriteEndpoint endpoint : bodyEndpoints()) {
            expectClientError(failures, endpoint, "application/json", jsonArrays, "nested JSON arrays");
            expectClientError(failures, endpoint, "application/json", jsonObjects, "nested JSON objects");
            if (endpoint.readsYaml()) {
                expectClientError(failures, endpoint, "application/yaml", yamlFlow, "nested YAML flow");
                expectClientError(failures, endpoint, "application/yaml", yamlBlock, "nested YAML block");
            }
        }
        assertHealthyAfter(failures);
    }

    @Test
    void largeStringsInEveryFieldNeverFail() {
        List<String> failures = new ArrayList<>();
        for (WriteEndpoint endpoint : bodyEndpoints()) {
            JsonNode valid = parse(endpoint);
            int room = Math.max(1_000, maxBodyBytes() - endpoint.validJson().length() - 4_096);
            String mebibyte = "a".repeat(MEBIBYTE);
            String fits = "b".repeat(Math.min(room, MEBIBYTE));
            for (Variant variant : everyPosition(valid, old -> new TextNode(mebibyte))) {
                expectNoFailure(failures, endpoint, variant.describe("a 1 MiB string"), variant.body());
            }
            for (Variant variant : everyPosition(valid, old -> new TextNode(fits))) {
                if (!variant.replaced().isValueNode()) {
                    continue;
                }
                expectNoFailure(
                        failures, endpoint, variant.describe("a string filling the body limit"), variant.body());
            }
        }
        assertHealthyAfter(failures);
    }

    @Test
    void numbersOutOfRangeInEveryFieldNeverFail() {
        List<String> failures = new ArrayList<>();
        // In every field: numbers whose exact value takes a gigabyte to print, or thousands of digits.
        List<String> everywhere = List.of("1e999999999", "-1e-999999999", "9".repeat(5_000));
        // In numeric fields also: past long, past int, a fraction for an integer, below double's range.
        List<String> numeric = List.of(
                "123456789012345678901234567890123456789", "-9223372036854775809", "2147483648", "1.5", "4.9e-325");
        String marker = "\"__hostile_number__\"";
        for (WriteEndpoint endpoint : bodyEndpoints()) {
            JsonNode valid = parse(endpoint);
            for (Variant variant : everyPosition(valid, old -> new TextNode("__hostile_number__"))) {
                List<String> numbers = new ArrayList<>(everywhere);
                if (variant.replaced().isNumber()) {
                    numbers.addAll(numeric);
                }
                for (String number : numbers) {
                    String body = variant.body().replace(marker, number);
                    expectNoFailure(failures, endpoint, variant.describe("number " + abbreviate(number)), body);
                }
            }
        }
        assertHealthyAfter(failures);
    }

    @Test
    void invalidUtf8IsRefusedOrReplacedNeverFails() {
        List<String> failures = new ArrayList<>();
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xC3, (byte) 0x28},
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                // Escapes that decode to text PostgreSQL cannot hold: NUL and an unpaired surrogate.
                "a\\u0000b".getBytes(StandardCharsets.US_ASCII),
                "\\ud800x".getBytes(StandardCharsets.US_ASCII),
                "x\\udc00".getBytes(StandardCharsets.US_ASCII));
        for (WriteEndpoint endpoint : bodyEndpoints()) {
            JsonNode valid = parse(endpoint);
            for (byte[] sequence : bad) {
                for (Variant variant : everyPosition(valid, old -> new TextNode("__hostile_bytes__"))) {
                    if (!(variant.replaced() instanceof TextNode)) {
                        continue;
                    }
                    byte[] body = splice(variant.body(), "__hostile_bytes__", sequence);
                    Answer json = send(endpoint, "application/json", body, callerToken());
                    if (!json.isAcceptable()) {
                        failures.add(variant.describe("invalid UTF-8") + " to " + endpoint.path() + ": " + json);
                    }
                    if (endpoint.readsYaml()) {
                        Answer yaml = send(endpoint, "application/yaml", body, callerToken());
                        if (!yaml.isAcceptable()) {
                            failures.add(
                                    variant.describe("invalid UTF-8 in YAML") + " to " + endpoint.path() + ": " + yaml);
                        }
                    }
                }
            }
        }
        assertHealthyAfter(failures);
    }

    @Test
    void hostileStringsInEveryStringFieldNeverFail() {
        List<String> failures = new ArrayList<>();
        for (WriteEndpoint endpoint : bodyEndpoints()) {
            JsonNode valid = parse(endpoint);
            for (String hostile : hostileStrings()) {
                for (Variant variant : everyPosition(valid, old -> new TextNode(hostile))) {
                    if (variant.replaced() instanceof TextNode) {
                        expectNoFailure(
                                failures,
                                endpoint,
                                variant.describe("expression " + abbreviate(hostile)),
                                variant.body());
                    }
                }
            }
        }
        assertHealthyAfter(failures);
    }

    @Test
    void endpointsWithoutABodyIgnoreHostileOnesAndNeverFail() {
        List<String> failures = new ArrayList<>();
        byte[] large = ("\"" + "a".repeat(MEBIBYTE) + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] nested = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        for (WriteEndpoint endpoint : writeEndpoints()) {
            if (endpoint.validJson() != null) {
                continue;
            }
            for (byte[] body : List.of(large, nested, new byte[] {(byte) 0xC3, (byte) 0x28})) {
                Answer answer = send(endpoint, "application/json", body, callerToken());
                if (!answer.isAcceptable()) {
                    failures.add("hostile body to " + endpoint.method() + " " + endpoint.path() + ": " + answer);
                }
            }
        }
        assertHealthyAfter(failures);
    }

    /** Alias bombs by name: to mappings, to lists and to a large scalar. */
    protected static java.util.Map<String, byte[]> aliasBombs() {
        java.util.Map<String, byte[]> bombs = new java.util.LinkedHashMap<>();
        StringBuilder mappings = new StringBuilder("m0: &m0 {a: 1, b: 2}\n");
        StringBuilder lists = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*m" + (level - 1);
            mappings.append("m").append(level).append(": &m").append(level).append(" {");
            lists.append("l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                mappings.append(i == 0 ? "" : ", ")
                        .append("k")
                        .append(i)
                        .append(": ")
                        .append(previous);
                lists.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            mappings.append("}\n");
            lists.append("]\n");
        }
        mappings.append("id: *m9\n");
        lists.append("id: *l9\n");
        bombs.put("aliases to mappings", mappings.toString().getBytes(StandardCharsets.UTF_8));
        bombs.put("aliases to lists", lists.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder scalar =
                new StringBuilder("a: &s \"").append("s".repeat(500_000)).append("\"\nid: [");
        for (int i = 0; i < 2_000; i++) {
            scalar.append(i == 0 ? "" : ", ").append("*s");
        }
        scalar.append("]\nname: *s\ndescription: {purpose: *s}\n");
        bombs.put("aliases to a large scalar", scalar.toString().getBytes(StandardCharsets.UTF_8));
        return bombs;
    }

    private List<WriteEndpoint> bodyEndpoints() {
        return writeEndpoints().stream().filter(e -> e.validJson() != null).toList();
    }

    private List<WriteEndpoint> yamlEndpoints() {
        return writeEndpoints().stream().filter(WriteEndpoint::readsYaml).toList();
    }

    private static JsonNode parse(WriteEndpoint endpoint) {
        try {
            return JSON.readTree(endpoint.validJson());
        } catch (IOException e) {
            throw new IllegalArgumentException("the valid body of " + endpoint.path() + " is not JSON", e);
        }
    }

    /** One body with the node at a JSON pointer replaced. */
    private record Variant(String pointer, JsonNode replaced, String body) {
        String describe(String what) {
            return what + " at " + (pointer.isEmpty() ? "the root" : pointer);
        }
    }

    /** The valid body with each node in turn (leaves and containers, not the root) replaced. */
    private static List<Variant> everyPosition(JsonNode valid, Function<JsonNode, JsonNode> replacement) {
        List<Variant> variants = new ArrayList<>();
        collect(valid, "", valid, replacement, variants);
        return variants;
    }

    private static void collect(
            JsonNode root, String pointer, JsonNode node, Function<JsonNode, JsonNode> replacement, List<Variant> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                JsonNode copy = root.deepCopy();
                JsonNode value = replacement.apply(node.get(name));
                ((ObjectNode) copy.at(pointer)).set(name, value);
                out.add(new Variant(child, node.get(name), copy.toString()));
                collect(root, child, node.get(name), replacement, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = pointer + "/" + i;
                JsonNode copy = root.deepCopy();
                ((ArrayNode) copy.at(pointer)).set(i, replacement.apply(node.get(i)));
                out.add(new Variant(child, node.get(i), copy.toString()));
                collect(root, child, node.get(i), replacement, out);
            }
        }
    }

    private void expectClientError(
            List<String> failures, WriteEndpoint endpoint, String contentType, byte[] body, String what) {
        Answer answer = send(endpoint, contentType, body, callerToken());
        if (!answer.isClientError()) {
            failures.add(what + " to " + endpoint.path() + ": " + answer);
        }
    }

    private void expectNoFailure(List<String> failures, WriteEndpoint endpoint, String what, String body) {
        Answer answer = send(endpoint, "application/json", body.getBytes(StandardCharsets.UTF_8), callerToken());
        if (!answer.isAcceptable()) {
            failures.add(what + " to " + endpoint.method() + " " + endpoint.path() + ": " + answer);
        }
    }

    private void assertHealthyAfter(List<String> failures) {
        assertThat(failures).isEmpty();
        Answer health = get("/q/health/live");
        assertThat(health.status())
                .as("liveness after the hostile requests: " + health)
                .isEqualTo(200);
    }

    /** The service's body limit, from its own configuration. */
    private static int maxBodyBytes() {
        String limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .orElse("10M")
                .trim()
                .toUpperCase(java.util.Locale.ROOT);
        long factor =
                switch (limit.charAt(limit.length() - 1)) {
                    case 'K' -> 1L << 10;
                    case 'M' -> 1L << 20;
                    case 'G' -> 1L << 30;
                    default -> 1L;
                };
        String digits =
                Character.isDigit(limit.charAt(limit.length() - 1)) ? limit : limit.substring(0, limit.length() - 1);
        return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(digits) * factor);
    }

    private static byte[] splice(String body, String marker, byte[] bytes) {
        int at = body.indexOf(marker);
        byte[] before = body.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = body.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before);
        out.writeBytes(bytes);
        out.writeBytes(after);
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "... (" + s.length() + " chars)" : s;
    }

    /** One answer; a dropped connection is status -1 and fails every check. */
    public record Answer(int status, String contentType, String body) {

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        boolean isClientError() {
            return status >= 400 && status < 500 && isProblem();
        }

        /** A 2xx, or a 4xx problem that says what to fix. */
        boolean isAcceptable() {
            return (status >= 200 && status < 300) || isClientError();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private Answer send(WriteEndpoint endpoint, String contentType, byte[] body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + endpoint.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", contentType)
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(request);
    }

    private Answer get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    private Answer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            return new Answer(-1, null, "connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String baseUrl() {
        return ConfigProvider.getConfig().getValue("test.url", String.class);
    }
}

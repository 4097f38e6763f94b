package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The security table every service runs against itself, called directly (not through the
 * gateway): (caller, request, expected status) rows for refused token shapes, path tricks, forged
 * identity headers, hostile bodies and page sizes. A service test class extends it and names a
 * protected list endpoint, an admin-only JSON write, its page-size cap and how to fill the list beyond
 * it. No row may be a 500, and every row must be answered: a dropped connection fails the table.
 */
public abstract class ServiceSecurityTable {

    private static final Set<String> ADMIN = Set.of("platform-admin");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A list endpoint any Tessera role may read, e.g. {@code /api/registry/v1/products}. */
    protected abstract String listPath();

    /** A JSON write only platform admins (or a role the data consumer lacks) may make. */
    protected abstract String adminWritePath();

    /** A valid body for {@link #adminWritePath()}. */
    protected abstract String adminWriteBody();

    /** The name of the page-size query parameter and its cap. */
    protected String pageSizeParameter() {
        return "limit";
    }

    protected abstract int pageSizeCap();

    /**
     * Makes the list at {@link #pageSizePath()} hold more than {@link #pageSizeCap()} rows the data
     * consumer can see, so that a service answering an oversized page size with 200 is seen to cap it:
     * with fewer rows than the cap, any page would look capped.
     */
    protected abstract void fillListBeyondThePageSizeCap();

    /**
     * The list whose page sizes are checked, filled by {@link #fillListBeyondThePageSizeCap()}; the
     * protected list endpoint unless a service has a list that is easier to fill without disturbing
     * other tests.
     */
    protected String pageSizePath() {
        return listPath();
    }

    /** The field of a list answer holding the page's rows. */
    protected String pageItemsField() {
        return "items";
    }

    /**
     * Reads only platform admins may make (the service's audit trail), each a path without query;
     * none by default. Every other caller is refused, and a bad page size is a 400 problem even for
     * an admin.
     */
    protected List<String> adminOnlyReadPaths() {
        return List.of();
    }

    /** Refused token shapes, by name. */
    public static Map<String, String> refusedTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none", TestTokens.unsigned("mallory", ADMIN));
        tokens.put("bad signature", TestTokens.signedByForeignKey("mallory", ADMIN));
        tokens.put("unknown key id", TestTokens.unknownKeyId("mallory", ADMIN));
        tokens.put("wrong issuer", TestTokens.wrongIssuer("mallory", ADMIN));
        tokens.put("wrong audience", TestTokens.wrongAudience("mallory", ADMIN));
        tokens.put("expired", TestTokens.expired("old", ADMIN));
        tokens.put("not yet valid", TestTokens.notYetValid("early", ADMIN));
        tokens.put("ID token", TestTokens.idToken("alice", ADMIN));
        tokens.put("garbage", "not.a.jwt");
        return tokens;
    }

    @Test
    void refusedTokensAreA401ProblemAndNeverReachTheResource() {
        List<String> failures = new ArrayList<>();
        Response anonymous = send("GET", listPath(), null, null, Map.of());
        if (anonymous.status() != 401 || !anonymous.isProblem()) {
            failures.add("no token: " + anonymous);
        }
        refusedTokens().forEach((name, token) -> {
            Response read = send("GET", listPath(), token, null, Map.of());
            if (read.status() != 401 || !read.isProblem()) {
                failures.add(name + " read: " + read);
            }
            Response write = send("POST", adminWritePath(), token, adminWriteBody(), Map.of());
            if (write.status() != 401) {
                failures.add(name + " write: " + write);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void pathTricksNeverOpenAProtectedPathAndNeverFail() {
        String path = listPath();
        int cut = path.lastIndexOf('/');
        String parent = path.substring(0, cut);
        String leaf = path.substring(cut + 1);
        List<String> tricks = List.of(
                parent + "%2F" + leaf,
                parent + "%2f" + leaf,
                parent + "/%2e%2e/" + leaf,
                parent + "/%252e%252e/" + leaf,
                parent + "/" + leaf + ".",
                parent + "./" + leaf,
                parent + "/" + leaf + ";jsessionid=1",
                parent + "/" + leaf + "%00",
                "/q/health/../.." + path,
                "/q/health/%2e%2e/%2e%2e" + path,
                "/q/openapi/..%2F.." + path,
                parent + "/" + leaf + "/%2e");
        List<String> failures = new ArrayList<>();
        for (String trick : tricks) {
            Response r = send("GET", trick, null, null, Map.of());
            if (r.status() < 400 || r.status() >= 500) {
                failures.add("anonymous " + trick + ": " + r);
            }
            Response w = send("POST", trick, TestTokens.dataConsumer(), adminWriteBody(), Map.of());
            if ((w.status() >= 200 && w.status() < 300) || w.status() >= 500) {
                failures.add("consumer write " + trick + ": " + w);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void callerSuppliedIdentityHeadersGrantNothing() {
        Response r = send(
                "POST",
                adminWritePath(),
                TestTokens.dataConsumer(),
                adminWriteBody(),
                Map.of(
                        "X-Forwarded-User", "alice-admin",
                        "X-User-Roles", "platform-admin",
                        "X-Auth-Request-Groups", "platform-admin",
                        "Remote-User", "alice-admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.isProblem()).isTrue();
    }

    @Test
    void hostileBodiesAreClear4xxProblems() {
        String admin = TestTokens.platformAdmin();
        List<String> failures = new ArrayList<>();
        String big = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
        Response oversized = send("POST", adminWritePath(), admin, big, Map.of());
        if (oversized.status() != 413 || !oversized.isProblem()) {
            failures.add("oversized: " + oversized);
        }
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        Response deep = send("POST", adminWritePath(), admin, nested, Map.of());
        if (deep.status() != 400 || !deep.isProblem()) {
            failures.add("deeply nested: " + deep);
        }
        String deepObject = "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000);
        Response deepObj = send("POST", adminWritePath(), admin, deepObject, Map.of());
        if (deepObj.status() != 400 || !deepObj.isProblem()) {
            failures.add("deeply nested object: " + deepObj);
        }
        for (String malformed : List.of("{", "{\"id\":", "not json", "\u0000\u0001", "{\"id\":\"a\"}}", "")) {
            Response r = send("POST", adminWritePath(), admin, malformed, Map.of());
            if (r.status() < 400 || r.status() >= 500 || !r.isProblem()) {
                failures.add("malformed " + printable(malformed) + ": " + r);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void pageSizesAboveTheCapAreRefusedOrCapped() {
        fillListBeyondThePageSizeCap();
        String consumer = pageSizeReader();
        String separator = pageSizePath().contains("?") ? "&" : "?";
        Response full = send(
                "GET",
                pageSizePath() + separator + pageSizeParameter() + "=" + pageSizeCap(),
                consumer,
                null,
                Map.of());
        assertThat(full.status()).as(full.toString()).isEqualTo(200);
        assertThat(pageItems(full))
                .as("rows in a page of the cap's size; the list must hold more than %d", pageSizeCap())
                .isEqualTo(pageSizeCap());
        List<String> failures = new ArrayList<>();
        for (String size : List.of(String.valueOf(pageSizeCap() + 1), "100000000", "-1", "0", "abc", "2147483648")) {
            Response r = send(
                    "GET", pageSizePath() + separator + pageSizeParameter() + "=" + size, consumer, null, Map.of());
            if (r.status() == 200) {
                int rows = pageItems(r);
                if (rows > pageSizeCap()) {
                    failures.add(size + " answered with " + rows + " rows, above the cap of " + pageSizeCap());
                }
            } else if (r.status() != 400) {
                failures.add(size + ": " + r);
            } else if (!r.isProblem()) {
                failures.add(size + " refused without a problem: " + r);
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Who reads the list in the page-size check: the data consumer, unless the list the filler made
     * is not theirs to see (the registry's fill is of drafts).
     */
    protected String pageSizeReader() {
        return TestTokens.dataConsumer();
    }

    /** The number of rows in a 200 list answer. */
    private int pageItems(Response r) {
        JsonNode items;
        try {
            items = JSON.readTree(r.body()).path(pageItemsField());
        } catch (IOException e) {
            throw new AssertionError("a list answer that is not JSON: " + r, e);
        }
        assertThat(items.isArray())
                .as("'%s' is the page's rows in %s", pageItemsField(), r)
                .isTrue();
        return items.size();
    }

    @Test
    void adminOnlyReadsAnswerAdminsAndRefuseEveryoneElse() {
        org.junit.jupiter.api.Assumptions.assumeFalse(adminOnlyReadPaths().isEmpty(), "no admin-only reads");
        List<String> failures = new ArrayList<>();
        for (String path : adminOnlyReadPaths()) {
            Response anonymous = send("GET", path, null, null, Map.of());
            if (anonymous.status() != 401 || !anonymous.isProblem()) {
                failures.add("no token " + path + ": " + anonymous);
            }
            refusedTokens().forEach((name, token) -> {
                Response r = send("GET", path, token, null, Map.of());
                if (r.status() != 401 || !r.isProblem()) {
                    failures.add(name + " " + path + ": " + r);
                }
            });
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("consumer", TestTokens.dataConsumer());
            refused.put("domain owner", TestTokens.domainOwner("retail"));
            refused.put("no Tessera role", TestTokens.user("nina", Set.of(), List.of()));
            refused.forEach((name, token) -> {
                Response r = send(
                        "GET", path, token, null, Map.of("X-User-Roles", "platform-admin", "X-Forwarded-User", "root"));
                if (r.status() != 403 || !r.isProblem()) {
                    failures.add(name + " " + path + ": " + r);
                }
            });
            String admin = TestTokens.platformAdmin();
            Response ok = send("GET", path + "?limit=1", admin, null, Map.of());
            if (ok.status() != 200) {
                failures.add("admin " + path + ": " + ok);
            }
            for (String query :
                    List.of("limit=" + (pageSizeCap() + 1), "limit=abc", "since=yesterday", "cursor=%25%25")) {
                Response bad = send("GET", path + "?" + query, admin, null, Map.of());
                if (bad.status() != 400 || !bad.isProblem()) {
                    failures.add("admin " + path + "?" + query + ": " + bad);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** One answer, trimmed for failure messages. */
    public record Response(int status, String contentType, String body) {
        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** Sends a request exactly as written (no normalisation of the path). */
    protected Response send(String method, String rawPath, String token, String jsonBody, Map<String, String> headers) {
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPath))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        headers.forEach(request::header);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            // Every row expects an answer (a 4xx problem at worst): a dropped connection is a failure,
            // not a refusal, since the caller cannot tell it from a crash.
            throw new AssertionError(method + " " + rawPath + ": no answer, the connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}

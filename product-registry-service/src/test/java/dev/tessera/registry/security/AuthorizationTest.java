package dev.tessera.registry.security;

import static dev.tessera.registry.support.Api.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what: a table of (caller, call, expected status), each row run against the service. */
@QuarkusTest
@RegistryTestResources
class AuthorizationTest {

    String mine;
    String theirs;
    String theirProduct;

    @BeforeEach
    void estate() {
        mine = Api.newDomain("mine");
        theirs = Api.newDomain("theirs");
        theirProduct = Api.newProductId("their-product");
        Api.applyYaml(TestTokens.domainOwner(theirs), theirProduct, Descriptors.orders(theirProduct, theirs, "1.0.0"))
                .then()
                .statusCode(201);
    }

    record Row(
            String caller, String token, String call, Function<RequestSpecification, Integer> request, int expected) {}

    @Test
    void everyCallerGetsExactlyTheRightsItsRolesGrant() {
        String owner = TestTokens.domainOwner(mine);
        String admin = TestTokens.platformAdmin();
        String consumer = TestTokens.dataConsumer();
        String officer = TestTokens.governanceOfficer();
        String newId = Api.newProductId("p");
        List<Row> rows = new ArrayList<>();

        rows.add(row("no token", null, "list products", r -> r.get(BASE + "/products"), 401));
        rows.add(row(
                "foreign key",
                TestTokens.signedByForeignKey("mallory", Set.of("platform-admin")),
                "list products",
                r -> r.get(BASE + "/products"),
                401));
        rows.add(row(
                "expired",
                TestTokens.expired("old", Set.of("platform-admin")),
                "list products",
                r -> r.get(BASE + "/products"),
                401));
        // Their product has only a draft: work in progress of their domain, so for others it does not exist.
        rows.add(row("consumer", consumer, "read their draft", r -> r.get(BASE + "/products/" + theirProduct), 404));
        rows.add(row("owner of mine", owner, "read their draft", r -> r.get(BASE + "/products/" + theirProduct), 404));
        rows.add(row("officer", officer, "read a draft", r -> r.get(BASE + "/products/" + theirProduct), 200));
        rows.add(row(
                "owner of theirs",
                TestTokens.domainOwner(theirs),
                "read own draft",
                r -> r.get(BASE + "/products/" + theirProduct),
                200));
        rows.add(row("consumer", consumer, "apply a product", r -> apply(r, newId, mine), 403));
        rows.add(row("owner of mine", owner, "apply a product in mine", r -> apply(r, newId, mine), 201));
        rows.add(row(
                "owner of mine",
                owner,
                "apply a product in theirs",
                r -> apply(r, Api.newProductId("x"), theirs),
                403));
        rows.add(row("owner of mine", owner, "change their product", r -> apply(r, theirProduct, theirs), 403));
        rows.add(row(
                "owner of mine",
                owner,
                "request publishing their product",
                r -> transition(r, theirProduct, "PENDING_APPROVAL"),
                403));
        rows.add(row("officer", officer, "apply a product", r -> apply(r, Api.newProductId("y"), mine), 403));
        rows.add(row("admin", admin, "apply a product anywhere", r -> apply(r, Api.newProductId("z"), theirs), 201));
        rows.add(row(
                "owner of mine",
                owner,
                "create a domain",
                r -> r.contentType("application/json")
                        .body(Map.of("id", "new-dom", "name", "n"))
                        .post(BASE + "/domains")
                        .statusCode(),
                403));
        rows.add(row(
                "owner of mine",
                owner,
                "rename own domain",
                r -> r.contentType("application/json")
                        .body(Map.of("name", "Mine!", "ownerGroup", "/domains/" + mine))
                        .put(BASE + "/domains/" + mine)
                        .statusCode(),
                200));
        rows.add(row(
                "owner of mine",
                owner,
                "rename their domain",
                r -> r.contentType("application/json")
                        .body(Map.of("name", "Theirs!", "ownerGroup", "/domains/" + theirs))
                        .put(BASE + "/domains/" + theirs)
                        .statusCode(),
                403));
        // Not 403: the product has no published version, so for these callers it does not exist at all.
        rows.add(row(
                "consumer",
                consumer,
                "read audit of their draft",
                r -> r.get(BASE + "/products/" + theirProduct + "/audit").statusCode(),
                404));
        rows.add(row(
                "owner of mine",
                owner,
                "read audit of their draft",
                r -> r.get(BASE + "/products/" + theirProduct + "/audit").statusCode(),
                404));
        rows.add(row(
                "owner of theirs",
                TestTokens.domainOwner(theirs),
                "read own audit",
                r -> r.get(BASE + "/products/" + theirProduct + "/audit").statusCode(),
                200));
        rows.add(row(
                "officer",
                officer,
                "read a domain's audit",
                r -> r.get(BASE + "/domains/" + theirs + "/audit").statusCode(),
                200));
        rows.add(row(
                "consumer",
                consumer,
                "list products",
                r -> r.get(BASE + "/products").statusCode(),
                200));
        rows.add(row("no token", null, "health", r -> r.get("/q/health/live").statusCode(), 200));
        rows.add(row("no token", null, "openapi", r -> r.get("/q/openapi").statusCode(), 200));
        rows.add(row("no token", null, "metrics", r -> r.get("/q/metrics").statusCode(), 200));
        rows.add(row(
                "admin, forged identity header",
                admin,
                "identity headers are ignored",
                r -> r.header("X-Forwarded-User", "root")
                        .header("X-User-Roles", "platform-admin")
                        .get(BASE + "/products/" + theirProduct)
                        .statusCode(),
                200));
        rows.add(row(
                "consumer, forged identity header",
                consumer,
                "identity headers grant nothing",
                r -> apply(
                        r.header("X-User-Roles", "platform-admin").header("X-Forwarded-User", "alice-admin"),
                        Api.newProductId("forged"),
                        mine),
                403));

        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            RequestSpecification request = row.token() == null ? Api.anonymous() : Api.as(row.token());
            int status = row.request().apply(request);
            if (status != row.expected()) {
                failures.add(row.caller() + " / " + row.call() + ": expected " + row.expected() + " got " + status);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static Row row(
            String caller, String token, String call, Function<RequestSpecification, Object> request, int expected) {
        return new Row(
                caller,
                token,
                call,
                r -> {
                    Object result = request.apply(r);
                    return result instanceof Integer i ? i : ((io.restassured.response.Response) result).statusCode();
                },
                expected);
    }

    private static int apply(RequestSpecification r, String id, String domain) {
        return r.contentType("application/yaml")
                .body(Descriptors.orders(id, domain, "1.0.0"))
                .put(BASE + "/products/" + id)
                .statusCode();
    }

    private static int transition(RequestSpecification r, String id, String to) {
        return r.contentType("application/json")
                .body(Map.of("to", to))
                .post(BASE + "/products/" + id + "/versions/1.0.0/transitions")
                .statusCode();
    }
}

package dev.tessera.governance.security;

import static dev.tessera.governance.support.Api.policy;
import static dev.tessera.governance.support.Api.unique;

import dev.tessera.governance.support.Api;
import dev.tessera.governance.support.GovernanceTestResources;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@GovernanceTestResources
class AuthorizationTest {

    @Test
    void withoutATokenEveryApiIsRefused() {
        Api.anonymous().get(Api.BASE + "/policies").then().statusCode(401);
        Api.anonymous().get(Api.BASE + "/scores/platform").then().statusCode(401);
        Api.anonymous().get(Api.BASE + "/access-requests").then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsRefused() {
        Api.as(TestTokens.signedByForeignKey("mallory", Set.of("platform-admin")))
                .get(Api.BASE + "/policies")
                .then()
                .statusCode(401);
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        Api.anonymous().get("/q/health/ready").then().statusCode(200);
        Api.anonymous().get("/q/metrics").then().statusCode(200);
        Api.anonymous().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aDataConsumerReadsPoliciesAndScoresButWritesNoPolicy() {
        String consumer = TestTokens.dataConsumer();
        Api.as(consumer).get(Api.BASE + "/policies").then().statusCode(200);
        Api.as(consumer).get(Api.BASE + "/scores/platform").then().statusCode(200);

        Api.as(consumer)
                .contentType(ContentType.JSON)
                .body(policy(unique("consumer"), "GLOBAL", "WARNING", "true"))
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(403);
    }

    @Test
    void aGovernanceOfficerManagesGlobalPolicies() {
        Api.createPolicy(
                TestTokens.governanceOfficer(), disabled(policy(unique("officer"), "GLOBAL", "WARNING", "true")));
    }

    @Test
    void aGovernanceOfficerDoesNotWriteADomainsOwnPolicies() {
        Api.officer()
                .contentType(ContentType.JSON)
                .body(policy(unique("officer"), unique("domain"), "WARNING", "true"))
                .post(Api.BASE + "/policies")
                .then()
                .statusCode(403);
    }

    @Test
    void aPlatformAdminManagesAnyScope() {
        String admin = TestTokens.platformAdmin();
        Api.createPolicy(admin, disabled(policy(unique("admin"), "GLOBAL", "WARNING", "true")));
        Api.createPolicy(admin, policy(unique("admin"), Api.knownDomain(unique("domain")), "WARNING", "true"));
    }

    @Test
    void aForgedCursorIsABadRequestNotAServerError() {
        Api.as(TestTokens.dataConsumer())
                .get(Api.BASE + "/products/any/evaluations?cursor=bm90LWEtbnVtYmVy")
                .then()
                .statusCode(400);
    }

    @Test
    void aDataConsumerCannotDryRun() {
        Api.as(TestTokens.dataConsumer())
                .contentType(ContentType.JSON)
                .body("{\"policyId\":\"owner-and-support\"}")
                .post(Api.BASE + "/policies/dry-run")
                .then()
                .statusCode(403);
    }

    /** Global test policies stay disabled so they cannot change other tests' outcomes. */
    private static java.util.Map<String, Object> disabled(java.util.Map<String, Object> p) {
        p.put("enabled", false);
        return p;
    }
}

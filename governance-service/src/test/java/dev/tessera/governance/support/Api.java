package dev.tessera.governance.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.tessera.testkit.TestTokens;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Small request builders shared by the governance API tests. */
public final class Api {

    public static final String BASE = "/api/governance/v1";

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT));

    private Api() {}

    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", TestTokens.bearer(token));
    }

    public static RequestSpecification anonymous() {
        return given().config(CONFIG);
    }

    public static RequestSpecification officer() {
        return as(TestTokens.governanceOfficer());
    }

    /** A fresh id with a readable prefix. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A policy document; callers override fields with {@link Map#put}. */
    public static Map<String, Object> policy(String id, String scope, String severity, String expression) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("name", "Policy " + id);
        p.put("scope", scope);
        p.put("severity", severity);
        p.put("weight", 1);
        p.put("target", "PRODUCT");
        p.put("expression", expression);
        p.put("remediation", "Fix " + id);
        return p;
    }

    /**
     * Announces a domain as the registry would and waits until governance knows it, so domain-scoped
     * policies may name it. Returns the domain id.
     */
    public static String knownDomain(String domainId) {
        return knownDomain(domainId, "/domains/" + domainId);
    }

    /** Announces a domain owned by the given group (full path) and waits until governance knows it. */
    public static String knownDomain(String domainId, String ownerGroup) {
        try (ProductEvents events = new ProductEvents()) {
            events.sendDomain(domainId, 1, ownerGroup);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        officer().get(BASE + "/domains/" + domainId).then().statusCode(200));
        return domainId;
    }

    /** Creates a policy as the given token and expects 201. */
    public static void createPolicy(String token, Map<String, Object> policy) {
        as(token)
                .contentType(ContentType.JSON)
                .body(policy)
                .post(BASE + "/policies")
                .then()
                .statusCode(201);
    }
}

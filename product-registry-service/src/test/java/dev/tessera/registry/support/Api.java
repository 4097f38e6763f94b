package dev.tessera.registry.support;

import static io.restassured.RestAssured.given;

import dev.tessera.testkit.TestTokens;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Small request builders shared by the registry's API tests. */
public final class Api {

    public static final String BASE = "/api/registry/v1";

    private Api() {}

    /** Sends YAML bodies as text; RestAssured has no encoder for YAML media types otherwise. */
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", ContentType.TEXT)
                    .encodeContentTypeAs("application/x-yaml", ContentType.TEXT)
                    .encodeContentTypeAs("text/yaml", ContentType.TEXT));

    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", TestTokens.bearer(token));
    }

    /** A request without a token. */
    public static RequestSpecification anonymous() {
        return given().config(CONFIG);
    }

    public static RequestSpecification admin() {
        return as(TestTokens.platformAdmin());
    }

    /** Creates a domain with a fresh unique id (prefix + random suffix) and returns the id. */
    public static String newDomain(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", prefix + " domain", "ownerGroup", "/domains/" + id))
                .post(BASE + "/domains")
                .then()
                .statusCode(201);
        return id;
    }

    /** A fresh product id. */
    public static String newProductId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Applies a YAML descriptor as the given token and returns the response for assertions. */
    public static io.restassured.response.Response applyYaml(String token, String productId, String yaml) {
        return as(token).contentType("application/yaml").body(yaml).put(BASE + "/products/" + productId);
    }
}

package dev.tessera.catalog.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.tessera.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;

/** Request builders shared by the catalog's API tests. */
public final class Api {

    public static final String BASE = "/api/catalog/v1";

    /** How long anything asynchronous may take before a test fails. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    public static RequestSpecification admin() {
        return as(TestTokens.platformAdmin());
    }

    public static RequestSpecification consumer() {
        return as(TestTokens.dataConsumer());
    }

    /** A fresh id with a readable prefix. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Waits until the service reports ready (the first index build has caught up); generous, since the
     * first test class of a run pays for the application's start on a busy machine.
     */
    public static void awaitReady() {
        await().atMost(Duration.ofMinutes(3))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}

package dev.tessera.gateway.support;

import static io.restassured.RestAssured.given;

import dev.tessera.testkit.TestTokens;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/** Request builders for gateway tests. */
public final class Calls {

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private Calls() {}

    /** A request without a token; URLs are sent exactly as written (no re-encoding). */
    public static RequestSpecification anonymous() {
        return given().config(CONFIG).urlEncodingEnabled(false);
    }

    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", TestTokens.bearer(token));
    }

    /** A data consumer: the weakest caller the gateway lets through. */
    public static RequestSpecification consumer() {
        return as(TestTokens.dataConsumer());
    }
}

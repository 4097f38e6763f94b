package dev.tessera.gateway.support;

import static io.restassured.RestAssured.given;

import dev.tessera.testkit.TestTokens;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
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

    /**
     * What a quick run of calls got: how many were answered 200 before one was refused with 429,
     * and that refusal (null if none was within the run).
     */
    public record Burst(int served, Response refused) {}

    /**
     * Calls {@code path} as {@code token} until one is refused with 429 or {@code max} were sent;
     * every call before the refusal must be answered 200.
     */
    public static Burst burst(String token, String path, int max) {
        int served = 0;
        for (int i = 0; i < max; i++) {
            Response r = as(token).get(path);
            if (r.statusCode() == 429) {
                return new Burst(served, r);
            }
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + " before the limit: " + r.asString());
            }
            served++;
        }
        return new Burst(served, null);
    }
}

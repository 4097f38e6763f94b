package dev.tessera.lineage.support;

import static io.restassured.RestAssured.given;

import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;

/** Small request builders shared by the lineage API tests. */
public final class Api {

    public static final String BASE = "/api/v1/lineage";

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    public static RequestSpecification admin() {
        return as(TestTokens.platformAdmin());
    }

    /** A machine client of an OpenLineage integration. */
    public static String producerToken() {
        return TestTokens.user("airflow-openlineage", Set.of(LineageAccess.LINEAGE_PRODUCER), List.of());
    }

    /** Posts one event as a pipeline client. */
    public static Response post(String json) {
        return as(producerToken()).contentType(ContentType.JSON).body(json).post(BASE);
    }

    /** Posts a JSON array of events to the batch endpoint as a pipeline client. */
    public static Response postBatch(String jsonArray) {
        return as(producerToken()).contentType(ContentType.JSON).body(jsonArray).post(BASE + "/batch");
    }

    /** A traversal as a data consumer. */
    public static Response graph(String node, String direction, int depth) {
        return as(TestTokens.dataConsumer())
                .queryParam("node", node)
                .queryParam("direction", direction)
                .queryParam("depth", depth)
                .queryParam("limit", 200)
                .get(BASE + "/graph");
    }
}

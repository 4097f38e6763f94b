package dev.tessera.platform.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refusal written onto a Vert.x response is the document a service's exception mapper writes, and it
 * never lands on a response that is already under way. Served by a real Vert.x HTTP server.
 */
class ProblemResponsesTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicBoolean lateAnswered = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/refused").handler(ProblemResponses::unauthenticated);
        router.get("/forbidden").handler(ProblemResponses::forbidden);
        router.get("/late").handler(ctx -> {
            ctx.response().setChunked(true).write("partial");
            lateAnswered.set(ProblemResponses.forbidden(ctx));
            ctx.response().end();
        });
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theDocumentIsMemberForMemberWhatJacksonWritesForTheServices() throws Exception {
        Problem problem = Problem.of(
                ProblemType.VALIDATION,
                "Two fields are wrong.",
                "/api/things",
                List.of(new Problem.FieldError("/name", "must not be blank"), new Problem.FieldError("/n", "too big")),
                Map.of("limitBytes", 1_048_576L));

        String jackson = new ObjectMapper().writeValueAsString(problem);
        JsonObject vertxJson = ProblemResponses.json(problem);

        assertThat(vertxJson).isEqualTo(new JsonObject(jackson));
        assertThat(List.copyOf(vertxJson.fieldNames())).containsExactlyElementsOf(new JsonObject(jackson).fieldNames());
    }

    @Test
    void absentMembersAreLeftOutAsJacksonLeavesThemOut() throws Exception {
        Problem problem = Problem.of(ProblemType.NOT_FOUND, null);

        assertThat(ProblemResponses.json(problem))
                .isEqualTo(new JsonObject(new ObjectMapper().writeValueAsString(problem)));
        assertThat(ProblemResponses.json(problem).fieldNames()).containsExactly("type", "title", "status");
    }

    @Test
    void aMissingTokenIsAnsweredWithTheBearerChallengeAndAProblem() throws Exception {
        HttpResponse<String> response = get("/refused");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(ProblemResponses.BEARER_CHALLENGE);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("type")).isEqualTo("https://tessera.dev/problems/unauthenticated");
        assertThat(body.getInteger("status")).isEqualTo(401);
        assertThat(body.getString("detail")).isEqualTo(ProblemResponses.UNAUTHENTICATED_DETAIL);
        assertThat(body.getString("instance")).isEqualTo("/refused");
    }

    @Test
    void aForbiddenCallerIsToldItsRolesDoNotAllowTheCall() throws Exception {
        HttpResponse<String> response = get("/forbidden");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(new JsonObject(response.body()).getString("type"))
                .isEqualTo("https://tessera.dev/problems/forbidden");
    }

    @Test
    void aResponseAlreadyUnderWayIsLeftAsItIs() throws Exception {
        HttpResponse<String> response = get("/late");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("partial");
        assertThat(lateAnswered).isFalse();
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://localhost:" + server.actualPort() + path);
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.tessera.gateway.overview;

import dev.tessera.gateway.proxy.BackendCalls;
import dev.tessera.gateway.web.EdgeFilters;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemResponses;
import dev.tessera.platform.http.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One call for a product page: the registry's product, governance's latest evaluation and quality
 * status, and a one-hop lineage summary, fetched in parallel with the caller's own token (so each
 * service applies its own rules). A part that fails is marked unavailable and the rest is still
 * returned. The quality part always carries a status: {@code unknown} when governance has none for
 * the product, refuses, or cannot be reached.
 */
@Path("/api/products/{id}/overview")
@Tag(name = "Composite reads")
public class OverviewResource {

    /** Quality statuses as the overview shows them, lower case like the catalog's. */
    static final List<String> QUALITY_STATUSES = List.of("passing", "failing", "stale", "unknown");

    // The registry's product id rule; anything else cannot exist and is not forwarded.
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    @Inject
    BackendCalls calls;

    @Inject
    RoutingContext routing;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A product with its governance score, quality status and lineage neighbours;"
                    + " parts whose service is down are marked unavailable")
    public CompletionStage<Response> overview(@PathParam("id") String id) {
        if (!PRODUCT_ID.matcher(id).matches()) {
            return Future.succeededFuture(problem(
                            ProblemType.VALIDATION,
                            "A product id is lower-case letters, digits, '.', '_' and '-', starting with a letter or"
                                    + " digit, at most 128 characters."))
                    .toCompletionStage();
        }
        String token = routing.request().getHeader("Authorization");
        String requestId = EdgeFilters.requestId(routing);
        Future<BackendCalls.Result> product =
                calls.get("registry", "/api/registry/v1/products/" + id, token, requestId);
        Future<BackendCalls.Result> governance =
                calls.get("governance", "/api/governance/v1/products/" + id + "/evaluation", token, requestId);
        Future<BackendCalls.Result> quality =
                calls.get("governance", "/api/governance/v1/products/" + id + "/quality", token, requestId);
        String node = URLEncoder.encode("PRODUCT:" + id, StandardCharsets.UTF_8);
        Future<BackendCalls.Result> lineage = calls.get(
                "lineage",
                "/api/v1/lineage/graph?node=" + node + "&direction=both&depth=1&limit=200",
                token,
                requestId);
        return Future.all(product, governance, quality, lineage)
                .map(all -> compose(id, product.result(), governance.result(), quality.result(), lineage.result()))
                .toCompletionStage();
    }

    private Response compose(
            String id,
            BackendCalls.Result product,
            BackendCalls.Result governance,
            BackendCalls.Result quality,
            BackendCalls.Result lineage) {
        // The product itself decides whether there is anything to show: its 404 or 403 is the answer.
        if (product.available() && (product.status() == 404 || product.status() == 403 || product.status() == 401)) {
            return Response.status(product.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(product.body() == null ? "" : product.body().toString())
                    .build();
        }
        JsonObject body = new JsonObject()
                .put("productId", id)
                .put("product", part(product, json -> json))
                .put("governance", part(governance, OverviewResource::score))
                .put("quality", qualityPart(quality))
                .put("lineage", part(lineage, OverviewResource::lineageSummary));
        boolean degraded =
                !product.available() || !governance.available() || !quality.available() || !lineage.available();
        body.put("degraded", degraded);
        return Response.ok(body.encode(), MediaType.APPLICATION_JSON).build();
    }

    private static JsonObject part(BackendCalls.Result result, java.util.function.Function<JsonObject, Object> pick) {
        if (!result.available()) {
            return new JsonObject()
                    .put("status", "unavailable")
                    .put("service", result.backend())
                    .put("reason", result.unavailableReason());
        }
        if (result.status() == 404) {
            return new JsonObject().put("status", "none");
        }
        if (result.status() >= 400) {
            return new JsonObject().put("status", "refused").put("httpStatus", result.status());
        }
        try {
            return new JsonObject().put("status", "ok").put("data", pick.apply(new JsonObject(result.body())));
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject()
                    .put("status", "unavailable")
                    .put("service", result.backend())
                    .put("reason", "unreadable answer");
        }
    }

    /** Like every part, plus {@code data.status} {@code unknown} whenever governance gave no status. */
    private static JsonObject qualityPart(BackendCalls.Result result) {
        JsonObject part = part(result, OverviewResource::qualitySummary);
        if (!"ok".equals(part.getString("status"))) {
            part.put("data", new JsonObject().put("status", "unknown").put("ports", new JsonArray()));
        }
        return part;
    }

    /**
     * The headline of governance's product quality: its status and each port's, when it last checked and
     * how many incidents are open. Checks and daily history stay with governance's own answer.
     */
    private static Object qualitySummary(JsonObject quality) {
        JsonArray ports = new JsonArray();
        JsonArray given = quality.getJsonArray("ports");
        if (given != null) {
            for (int i = 0; i < given.size(); i++) {
                JsonObject port = given.getJsonObject(i);
                ports.add(new JsonObject()
                        .put("port", port.getValue("port"))
                        .put("status", qualityStatus(port.getValue("status"))));
            }
        }
        JsonObject summary = new JsonObject()
                .put("status", qualityStatus(quality.getValue("status")))
                .put("lastCheckedAt", quality.getValue("lastCheckedAt"))
                .put("ports", ports);
        JsonArray incidents = quality.getJsonArray("incidents");
        if (incidents != null) {
            summary.put("openIncidents", incidents.size());
        }
        return summary;
    }

    /** Governance's status in the overview's lower case; anything this version does not know is unknown. */
    private static String qualityStatus(Object value) {
        String status = value instanceof String s ? s.toLowerCase(Locale.ROOT) : "unknown";
        return QUALITY_STATUSES.contains(status) ? status : "unknown";
    }

    private static Object score(JsonObject evaluation) {
        return new JsonObject()
                .put("score", evaluation.getValue("score"))
                .put("rating", evaluation.getValue("rating"))
                .put("blockingFailures", evaluation.getValue("blockingFailures"))
                .put("version", evaluation.getValue("version"))
                .put("evaluatedAt", evaluation.getValue("evaluatedAt"));
    }

    private static Object lineageSummary(JsonObject traversal) {
        var items = traversal.getJsonArray("items");
        JsonObject summary = new JsonObject()
                .put("neighbours", traversal.getValue("total", items == null ? 0 : items.size()))
                .put("partial", traversal.getValue("partial", false));
        if (items != null) {
            summary.put("items", items);
        }
        return summary;
    }

    private static Response problem(ProblemType type, String detail) {
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemResponses.json(Problem.of(type, detail)).encode())
                .build();
    }
}

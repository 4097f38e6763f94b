package dev.tessera.gateway.audit;

import dev.tessera.gateway.proxy.BackendCalls;
import dev.tessera.gateway.proxy.Backends;
import dev.tessera.gateway.web.EdgeFilters;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemResponses;
import dev.tessera.platform.http.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The whole platform's audit trail in one list, for platform admins: every service's own audit
 * endpoint is asked in parallel with the caller's token (each service decides again), the entries
 * are merged newest first, and a service that cannot answer is marked instead of failing the call.
 */
@Path("/api/audit")
@Tag(name = "Composite reads")
public class AuditResource {

    /** Each service's audit endpoint, as the service itself serves it. */
    static final Map<String, String> AUDIT_PATHS = Map.of(
            "registry", "/api/registry/v1/audit",
            "governance", "/api/governance/v1/audit",
            "lineage", "/api/v1/lineage/audit",
            "catalog", "/api/catalog/v1/audit");

    static final String ADMIN = "platform-admin";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_TEXT = 256;

    @Inject
    BackendCalls calls;

    @Inject
    Backends backends;

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext routing;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Every service's audit trail merged newest first (platform admins)",
            description = "Asks registry, governance, lineage and catalog with your token and merges their entries"
                    + " by occurredAt, each marked with its `service`. The filters are passed to every service."
                    + " `services` says for each service ok, done (nothing older), unavailable (with a reason) or"
                    + " refused (with its HTTP status); `degraded` is true when one could not answer. Pass `next` back"
                    + " as `cursor` with the same filters for older entries: it remembers where each service stands,"
                    + " so no entry is skipped or repeated. A service that could not answer keeps its place, so"
                    + " repeating a request fills in what it missed.")
    @APIResponse(responseCode = "200", description = "The merged page")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is malformed (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token (problem+json)")
    @APIResponse(responseCode = "403", description = "The token is not a platform admin's (problem+json)")
    public CompletionStage<Response> audit(
            @QueryParam("actor") @Parameter(description = "Only writes by this subject") String actor,
            @QueryParam("clientId") @Parameter(description = "Only writes through this OAuth client (azp)")
                    String clientId,
            @QueryParam("action") @Parameter(description = "Only this action, e.g. policy.created") String action,
            @QueryParam("targetType") @Parameter(description = "Only writes to this kind of object") String targetType,
            @QueryParam("targetId") @Parameter(description = "Only writes to the object with this id") String targetId,
            @QueryParam("requestId")
                    @Parameter(description = "Only writes of this X-Request-Id (one call, any service)")
                    String requestId,
            @QueryParam("since") @Parameter(description = "At or after this ISO-8601 instant") String since,
            @QueryParam("before") @Parameter(description = "Strictly before this ISO-8601 instant") String before,
            @QueryParam("cursor") @Parameter(description = "The `next` of the previous page, unchanged") String cursor,
            @QueryParam("limit") @Parameter(description = "Entries per page, 1 to 200 (default 50)") String limit) {
        if (!identity.hasRole(ADMIN)) {
            return done(problem(
                    ProblemType.FORBIDDEN,
                    "Only platform admins may read the platform's audit trail; each service's owners see their"
                            + " objects' trails there.",
                    List.of()));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> filters = new LinkedHashMap<>();
        text(filters, errors, "actor", actor);
        text(filters, errors, "clientId", clientId);
        text(filters, errors, "action", action);
        text(filters, errors, "targetType", targetType);
        text(filters, errors, "targetId", targetId);
        text(filters, errors, "requestId", requestId);
        instant(filters, errors, "since", since);
        instant(filters, errors, "before", before);
        int size = limit(limit, errors);
        AuditCursor from = AuditCursor.decode(cursor).orElse(null);
        if (from == null) {
            errors.add(error("cursor", "Pass back the `next` value of a previous page unchanged."));
        }
        if (!errors.isEmpty()) {
            return done(problem(
                    ProblemType.VALIDATION, "The audit query has " + errors.size() + " invalid parameter(s).", errors));
        }
        String token = routing.request().getHeader("Authorization");
        String id = EdgeFilters.requestId(routing);
        List<String> asked = new ArrayList<>();
        List<Future<BackendCalls.Result>> answers = new ArrayList<>();
        for (String service : backends.all().keySet()) {
            String path = AUDIT_PATHS.get(service);
            if (path == null || from.done().contains(service)) {
                continue;
            }
            asked.add(service);
            answers.add(
                    calls.get(service, path + query(filters, from.positions().get(service), size), token, id));
        }
        return Future.join(answers)
                .transform(ignored -> Future.succeededFuture(compose(asked, answers, from, size)))
                .toCompletionStage();
    }

    private Response compose(
            List<String> asked, List<Future<BackendCalls.Result>> answers, AuditCursor from, int size) {
        JsonObject services = new JsonObject();
        for (String service : backends.all().keySet()) {
            if (from.done().contains(service) && AUDIT_PATHS.containsKey(service)) {
                services.put(service, new JsonObject().put("status", "done"));
            }
        }
        List<AuditMerge.ServicePage> pages = new ArrayList<>();
        boolean degraded = false;
        for (int i = 0; i < asked.size(); i++) {
            String service = asked.get(i);
            BackendCalls.Result result = answers.get(i).result();
            JsonObject status;
            if (result == null || !result.available()) {
                status = unavailable(result == null ? "unreachable" : result.unavailableReason());
            } else if (result.status() != 200) {
                status = new JsonObject().put("status", "refused").put("httpStatus", result.status());
            } else {
                try {
                    pages.add(AuditMerge.page(service, new JsonObject(result.body())));
                    status = new JsonObject().put("status", "ok");
                } catch (DecodeException | IllegalArgumentException e) {
                    status = unavailable("unreadable answer");
                }
            }
            degraded |= !"ok".equals(status.getString("status"));
            services.put(service, status);
        }
        AuditMerge.Merged merged = AuditMerge.merge(pages, from, size);
        JsonObject body = new JsonObject()
                .put("items", new JsonArray(merged.items()))
                .put("services", services)
                .put("degraded", degraded);
        if (merged.more()) {
            body.put("next", merged.cursor().encode());
        }
        return Response.ok(body.encode(), MediaType.APPLICATION_JSON).build();
    }

    private static JsonObject unavailable(String reason) {
        return new JsonObject().put("status", "unavailable").put("reason", reason);
    }

    private static String query(Map<String, String> filters, String serviceCursor, int size) {
        StringBuilder query = new StringBuilder("?limit=").append(size);
        filters.forEach((name, value) ->
                query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        if (serviceCursor != null) {
            query.append("&cursor=").append(URLEncoder.encode(serviceCursor, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static void text(Map<String, String> filters, List<Problem.FieldError> errors, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.length() > MAX_TEXT) {
            errors.add(error(name, "at most " + MAX_TEXT + " characters"));
            return;
        }
        filters.put(name, value.strip());
    }

    private static void instant(
            Map<String, String> filters, List<Problem.FieldError> errors, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            filters.put(name, OffsetDateTime.parse(value.strip()).toInstant().toString());
        } catch (DateTimeParseException e) {
            errors.add(error(name, "an ISO-8601 instant such as 2026-11-26T05:00:00Z (send a '+' offset as %2B)"));
        }
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(error("limit", "limit must be a whole number between 1 and " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static Problem.FieldError error(String path, String message) {
        return new Problem.FieldError(path, message);
    }

    private static Response problem(ProblemType type, String detail, List<Problem.FieldError> errors) {
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemResponses.json(Problem.of(type, detail, "/api/audit", errors, Map.of()))
                        .encode())
                .build();
    }

    private static CompletionStage<Response> done(Response response) {
        return Future.succeededFuture(response).toCompletionStage();
    }
}

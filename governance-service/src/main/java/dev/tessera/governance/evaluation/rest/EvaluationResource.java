package dev.tessera.governance.evaluation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.governance.evaluation.repository.EvaluationEntity;
import dev.tessera.governance.evaluation.repository.ScoreSnapshotEntity;
import dev.tessera.governance.evaluation.service.ScoreQueries;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Evaluations and compliance scores: per product, per domain and platform-wide, with trends. */
@Path("/api/governance/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations and scores")
public class EvaluationResource {

    private final ScoreQueries queries;
    private final ObjectMapper json;

    public EvaluationResource(ScoreQueries queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /** One evaluation as served. */
    public record EvaluationResponse(
            long id,
            String productId,
            long sequence,
            long productSequence,
            String version,
            String domainId,
            double score,
            String rating,
            int blockingFailures,
            String trigger,
            JsonNode outcomes,
            Instant evaluatedAt) {}

    /** A score with its trend, newest first. */
    public record ScoreResponse(
            String scope, String scopeId, double score, String rating, int products, List<Point> trend) {}

    /** One point of a trend. */
    public record Point(Instant at, double score, String rating, int products) {}

    @GET
    @Path("products/{id}/evaluation")
    @Operation(
            summary = "The latest evaluation of a product: every policy's outcome, evidence and remediation",
            description = "Evaluations of unpublished versions are shown to the owning domain's owners, governance"
                    + " officers and platform admins; other callers get the latest evaluation of a published"
                    + " version, and 404 when none is published.")
    public EvaluationResponse latest(@PathParam("id") String productId) {
        return response(queries.latest(productId));
    }

    @GET
    @Path("products/{id}/evaluations")
    @Operation(
            summary = "A product's evaluations, newest first (its score history)",
            description = "Callers other than the owning domain's owners, governance officers and platform admins"
                    + " see evaluations of published versions only, and 404 when none is published.")
    public Page<EvaluationResponse> history(
            @PathParam("id") String productId,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        Long before = before(cursor);
        List<EvaluationEntity> rows = queries.history(productId, before, size + 1);
        List<EvaluationResponse> items =
                rows.stream().limit(size).map(this::response).toList();
        String next = rows.size() > size
                ? Cursors.encode(String.valueOf(items.getLast().id()))
                : null;
        return new Page<>(items, next);
    }

    /** The evaluation id a cursor carries; a cursor this API did not make is a 400, not a 500. */
    private static Long before(String cursor) {
        String key = Cursors.decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            return Long.valueOf(key);
        } catch (NumberFormatException e) {
            throw dev.tessera.platform.problem.ApiException.invalidField(
                    "cursor", "Pass back the `next` value of a previous page unchanged.");
        }
    }

    @GET
    @Path("scores/domains/{domainId}")
    @Operation(summary = "A domain's score (mean of its products') and its trend")
    public ScoreResponse domain(@PathParam("domainId") String domainId, @QueryParam("days") Integer days) {
        return score("DOMAIN", domainId, days);
    }

    @GET
    @Path("scores/platform")
    @Operation(summary = "The platform-wide score and its trend")
    public ScoreResponse platform(@QueryParam("days") Integer days) {
        return score("PLATFORM", "*", days);
    }

    private ScoreResponse score(String scope, String scopeId, Integer days) {
        ScoreQueries.Current current = queries.current(scope, scopeId, days == null ? 30 : Math.max(1, days));
        return new ScoreResponse(
                scope,
                scopeId,
                current.aggregate().score(),
                current.rating(),
                current.aggregate().products(),
                current.trend().stream().map(EvaluationResource::point).toList());
    }

    private static Point point(ScoreSnapshotEntity s) {
        return new Point(s.takenAt, s.score, s.rating, s.products);
    }

    private EvaluationResponse response(EvaluationEntity e) {
        try {
            return new EvaluationResponse(
                    e.id,
                    e.productId,
                    e.sequence,
                    e.productSequence,
                    e.version,
                    e.domainId,
                    e.score,
                    e.rating,
                    e.blockingFailures,
                    e.trigger,
                    json.readTree(e.outcomes),
                    e.evaluatedAt);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

package dev.tessera.governance.quality.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.governance.quality.repository.QualityResultStore;
import dev.tessera.governance.quality.service.CheckResult;
import dev.tessera.governance.quality.service.PortDecision;
import dev.tessera.governance.quality.service.PushedResult;
import dev.tessera.governance.quality.service.PushedResults;
import dev.tessera.governance.quality.service.QualityClock;
import dev.tessera.governance.quality.service.QualityQueries;
import dev.tessera.governance.quality.service.QualitySummary;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import dev.tessera.standards.input.StorableInput;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The quality of products' output ports: statuses, checks, freshness, incidents; pushed results. */
@Path("/api/governance/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quality")
public class QualityResource {

    /** Most results one push may carry. */
    public static final int MAX_RESULTS = 1_000;

    /** Longest text accepted in a check name, tool or run id. */
    static final int MAX_TEXT = 500;

    /** How far ahead of the server's clock an observation time may be (clocks drift). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Where lineage serves a stored OpenLineage event. */
    static final String LINEAGE_EVENT = "/api/v1/lineage/events/";

    private final QualityQueries queries;
    private final PushedResults pushed;
    private final QualityClock clock;
    private final ObjectMapper json;

    public QualityResource(QualityQueries queries, PushedResults pushed, QualityClock clock, ObjectMapper json) {
        this.queries = queries;
        this.pushed = pushed;
        this.clock = clock;
        this.json = json;
    }

    /** A product's quality. */
    public record QualityResponse(
            String productId,
            String status,
            Instant lastCheckedAt,
            Instant lastPassedAt,
            List<PortResponse> ports,
            List<IncidentResponse> incidents) {}

    /** One port: status, checks, freshness and its 30-day daily pass rate. */
    public record PortResponse(
            String port,
            String status,
            FreshnessResponse freshness,
            List<CheckResponse> checks,
            List<DayResponse> history) {}

    /** How the port's last write compares with its contract's SLA. */
    public record FreshnessResponse(String status, String sla, Instant lastWriteAt, Instant deadline) {}

    /**
     * The latest result of one check.
     *
     * @param lineageEvent where lineage serves the OpenLineage event that reported it, when one did
     */
    public record CheckResponse(
            String checkId,
            String source,
            String name,
            String column,
            String outcome,
            String severity,
            String observed,
            String operator,
            String threshold,
            String unit,
            Instant observedAt,
            String runId,
            String lineageEvent) {}

    /** Passed and failed results of one day; passRate is null on a day with neither. */
    public record DayResponse(LocalDate day, long passed, long failed, Double passRate) {}

    /** A failing check, from its first failure until a result passes it. */
    public record IncidentResponse(String port, String checkId, String name, String observed, Instant openedAt) {}

    /** An unmapped dataset. */
    public record UnmappedResponse(
            String datasetName, JsonNode names, Instant lastSeenAt, long observations, JsonNode lastFacts) {}

    @GET
    @Path("products/{id}/quality")
    @Operation(
            summary = "A product's quality: status, every port's checks and freshness, open incidents, 30-day trend",
            description = "Shown to whoever may read the product's evaluation: the owning domain's owners, governance"
                    + " officers and platform admins always, others once a version is published.")
    public QualityResponse quality(@PathParam("id") String productId) {
        return response(queries.summary(productId));
    }

    @POST
    @Path("products/{id}/ports/{port}/quality/results")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Push check results for an output port (tools that do not send OpenLineage)",
            description = "For platform admins, the owners of the product's domain, and pipelines with the realm role"
                    + " lineage-producer. A result whose check names a contract rule (checkId, id or name) is that"
                    + " rule's result; with a value, the rule's operator and threshold decide it. Answers with the"
                    + " port's status, its freshness and the checks failing it now.")
    public PortResponse push(@PathParam("id") String productId, @PathParam("port") String port, PushRequest request) {
        String tool = validate(request);
        List<PushedResult> results = new ArrayList<>();
        for (PushRequest.Result r : request.results()) {
            results.add(new PushedResult(r.check().strip(), r.success(), r.value(), r.observedAt(), r.runId()));
        }
        PortDecision decision = pushed.push(productId, port, tool, results);
        return new PortResponse(
                decision.port(),
                decision.status().name(),
                new FreshnessResponse(
                        decision.freshness(), decision.sla(), decision.lastWriteAt(), decision.deadline()),
                decision.failing().stream().map(QualityResource::check).toList(),
                List.of());
    }

    @GET
    @Path("quality/unmapped")
    @Operation(summary = "Datasets with quality reported that serve no product's port (officers and admins)")
    public Page<UnmappedResponse> unmapped(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        List<QualityResultStore.Unmapped> rows = queries.unmapped(Cursors.decode(cursor), size + 1);
        List<UnmappedResponse> items = rows.stream()
                .limit(size)
                .map(u -> new UnmappedResponse(
                        u.datasetName(), tree(u.names()), u.lastSeenAt(), u.observations(), tree(u.lastFacts())))
                .toList();
        String next = rows.size() > size ? Cursors.encode(items.getLast().datasetName()) : null;
        return new Page<>(items, next);
    }

    private String validate(PushRequest request) {
        if (request == null) {
            throw ApiException.invalidField("", "send a JSON object with `tool` and `results`");
        }
        if (request.tool() == null || request.tool().isBlank() || request.tool().length() > MAX_TEXT) {
            throw ApiException.invalidField(
                    "/tool", "name the tool that produced the results, in 1 to " + MAX_TEXT + " characters");
        }
        if (request.results() == null
                || request.results().isEmpty()
                || request.results().size() > MAX_RESULTS) {
            throw ApiException.invalidField("/results", "send 1 to " + MAX_RESULTS + " results");
        }
        Instant latest = clock.now().plus(MAX_CLOCK_SKEW);
        for (int i = 0; i < request.results().size(); i++) {
            PushRequest.Result r = request.results().get(i);
            String at = "/results/" + i;
            if (r == null) {
                throw ApiException.invalidField(
                        at, "each result is an object with check, success or value, observedAt");
            }
            if (r.check() == null || r.check().isBlank() || r.check().length() > MAX_TEXT) {
                throw ApiException.invalidField(
                        at + "/check",
                        "name the check (a contract rule's checkId, id or" + " name, or your own name for it) in 1 to "
                                + MAX_TEXT + " characters");
            }
            if (r.success() == null && r.value() == null) {
                throw ApiException.invalidField(at + "/success", "send success: true or false, or a value");
            }
            if (r.value() != null && !StorableInput.storable(r.value())) {
                throw ApiException.invalidField(at + "/value", StorableInput.UNSTORABLE_NUMBER);
            }
            if (r.observedAt() == null) {
                throw ApiException.invalidField(at + "/observedAt", "say when the result was observed (ISO-8601)");
            }
            if (r.observedAt().isAfter(latest)) {
                throw ApiException.invalidField(
                        at + "/observedAt", "lies in the future; send the time the check actually ran");
            }
            if (r.runId() != null && r.runId().length() > MAX_TEXT) {
                throw ApiException.invalidField(at + "/runId", "at most " + MAX_TEXT + " characters");
            }
        }
        return request.tool().strip();
    }

    private static QualityResponse response(QualitySummary s) {
        List<PortResponse> ports = s.ports().stream()
                .map(p -> new PortResponse(
                        p.port(),
                        p.status().name(),
                        new FreshnessResponse(p.freshness(), p.sla(), p.lastWriteAt(), p.deadline()),
                        p.checks().stream().map(QualityResource::check).toList(),
                        s.days().stream()
                                .filter(d -> d.port().equals(p.port()))
                                .map(QualityResource::day)
                                .toList()))
                .toList();
        return new QualityResponse(
                s.productId(),
                s.status().name(),
                s.lastCheckedAt(),
                s.lastPassedAt(),
                ports,
                s.incidents().stream()
                        .map(i -> new IncidentResponse(i.port(), i.checkId(), i.name(), i.observed(), i.openedAt()))
                        .toList());
    }

    private static CheckResponse check(CheckResult c) {
        return new CheckResponse(
                c.checkId(),
                c.source().name(),
                c.name(),
                c.column(),
                c.outcome().name(),
                c.severity(),
                c.observed(),
                c.operator(),
                c.threshold(),
                c.unit(),
                c.observedAt(),
                c.runId(),
                c.eventId() == null ? null : LINEAGE_EVENT + c.eventId());
    }

    private static DayResponse day(QualityResultStore.Day d) {
        long total = d.passed() + d.failed();
        return new DayResponse(d.day(), d.passed(), d.failed(), total == 0 ? null : (double) d.passed() / total);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

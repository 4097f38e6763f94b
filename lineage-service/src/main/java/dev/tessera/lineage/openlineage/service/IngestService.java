package dev.tessera.lineage.openlineage.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.lineage.graph.service.DatasetResolver;
import dev.tessera.lineage.graph.service.Traces;
import dev.tessera.lineage.openlineage.OpenLineageEvent;
import dev.tessera.lineage.openlineage.OpenLineageParser;
import dev.tessera.lineage.openlineage.OpenLineageSchema;
import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import io.opentelemetry.context.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * OpenLineage ingest: every event of a call is checked (what the graph needs, then the spec's JSON
 * Schema) before anything is written, so a call is stored entirely or not at all. A batch is written in its own transaction; single events go
 * through the {@link IngestQueue}, which writes the calls that arrive together in one transaction
 * (group commit) and answers each only after that commit.
 */
@ApplicationScoped
public class IngestService {

    @Inject
    IngestWriter writer;

    @Inject
    IngestQueue queue;

    @Inject
    AuditLog audit;

    @Inject
    Vertx vertx;

    @Inject
    Caller caller;

    @Inject
    LineageAccess access;

    /** Checks and stores the events of one call; 400 naming every problem when one is invalid. */
    public IngestResult ingest(List<JsonNode> raw, boolean batch) {
        IngestWriter.Submission call = submission(raw, batch, sender(), Context.current());
        return batch ? writer.write(List.of(call)).getFirst() : queue.submit(call);
    }

    /**
     * Checks and stores one event without holding the calling thread (an event loop): the caller
     * and trace are captured here, the event is checked, prepared and queued for the group commit
     * on a worker thread. The answer completes after the commit; a 400 problem when the
     * event is invalid.
     */
    public CompletionStage<IngestResult> ingestOne(JsonNode raw) {
        Sender sender = sender();
        Context trace = Context.current();
        // Queued from the worker itself, so the writer can take the call without it going back
        // through the event loop first: one thread hand-over less on the way to the commit.
        return vertx.executeBlocking(() -> queue.enqueue(submission(List.of(raw), false, sender, trace)), false)
                .toCompletionStage()
                .thenCompose(answer -> answer);
    }

    /** Who sends a call, read from the request (and its token) on the request's thread. */
    private record Sender(AuditLog.Actor actor, String subject, DatasetResolver.Claimant claimant) {}

    private Sender sender() {
        return new Sender(audit.currentActor(), caller.subject().orElse(null), access.aliasClaimant());
    }

    private IngestWriter.Submission submission(List<JsonNode> raw, boolean batch, Sender sender, Context trace) {
        List<OpenLineageEvent> parsed = parse(raw, batch);
        List<IngestWriter.Prepared> prepared = new ArrayList<>(parsed.size());
        for (OpenLineageEvent event : parsed) {
            prepared.add(writer.prepare(event));
        }
        return new IngestWriter.Submission(
                prepared, batch, sender.actor(), trace, Traces.traceparent(trace), sender.subject(), sender.claimant());
    }

    private static List<OpenLineageEvent> parse(List<JsonNode> raw, boolean batch) {
        List<OpenLineageEvent> parsed = new ArrayList<>(raw.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String prefix = batch ? "/" + i : "";
            OpenLineageParser.Result result = OpenLineageParser.parse(raw.get(i), prefix);
            // The parser's findings name what the graph needs in its own words; when it is content,
            // the spec's schema has the last word on everything else.
            errors.addAll(result.valid() ? OpenLineageSchema.validate(raw.get(i), prefix) : result.errors());
            parsed.add(result.event());
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(
                    "Not a valid OpenLineage event: " + errors.getFirst().path() + ": "
                            + errors.getFirst().message() + (batch ? " (nothing in the batch was stored)" : ""),
                    errors);
        }
        return parsed;
    }
}

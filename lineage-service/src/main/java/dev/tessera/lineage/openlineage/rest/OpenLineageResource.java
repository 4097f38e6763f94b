package dev.tessera.lineage.openlineage.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.lineage.openlineage.service.IngestResult;
import dev.tessera.lineage.openlineage.service.IngestService;
import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.platform.problem.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * OpenLineage ingest at the path the OpenLineage HTTP transport posts to by default, and a batch
 * form of it: a JSON array of events stored in one transaction.
 */
@Path("/api/v1/lineage")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OpenLineageResource {

    /** Most events one batch may carry; larger batches are split by the sender. */
    static final int MAX_BATCH = 10_000;

    @Inject
    IngestService ingest;

    @Inject
    LineageAccess access;

    /**
     * One event. Asynchronous, so the body is read on the event loop as it arrives (a blocking
     * method would read it on a worker thread through a blocking stream fed by the event loop, a
     * hand-over that cost more than the rest of the call); the event is checked on a worker thread
     * and the answer is sent once the group commit holding it committed.
     */
    @POST
    public CompletionStage<Response> post(JsonNode event) {
        access.requireIngest();
        if (event == null) {
            throw ApiException.invalidField("", "the body must be one OpenLineage event");
        }
        return onThisContext(ingest.ingestOne(event));
    }

    /**
     * The answer, completed on the request's own Vert.x context (not on the writer's thread, which
     * should go on writing) and with the failure itself rather than its CompletionException wrapper,
     * so the exception mappers see the 400 problem.
     */
    private static CompletionStage<Response> onThisContext(CompletionStage<IngestResult> result) {
        Context context = Vertx.currentContext();
        CompletableFuture<Response> response = new CompletableFuture<>();
        result.whenComplete((value, failure) -> {
            Runnable answer = () -> {
                if (failure == null) {
                    response.complete(created(value));
                } else {
                    response.completeExceptionally(
                            failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause()
                                    : failure);
                }
            };
            if (context == null) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        });
        return response;
    }

    @POST
    @Path("/batch")
    public Response batch(JsonNode events) {
        access.requireIngest();
        if (events == null || !events.isArray()) {
            throw ApiException.invalidField("", "the body must be a JSON array of OpenLineage events");
        }
        if (events.size() > MAX_BATCH) {
            throw ApiException.invalidField(
                    "", "a batch holds at most " + MAX_BATCH + " events; this one has " + events.size());
        }
        List<JsonNode> list = new ArrayList<>(events.size());
        events.forEach(list::add);
        return created(ingest.ingest(list, true));
    }

    /** 201 when something was stored, 200 when every event was a duplicate. */
    private static Response created(IngestResult result) {
        return Response.status(result.accepted() > 0 ? 201 : 200)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result.toJson())
                .build();
    }
}

package dev.tessera.lineage.openlineage;

import static dev.tessera.lineage.support.OpenLineageEvents.run;
import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.Topics;
import dev.tessera.lineage.graph.service.DatasetResolver;
import dev.tessera.lineage.graph.service.Traces;
import dev.tessera.lineage.openlineage.service.IngestService;
import dev.tessera.lineage.openlineage.service.IngestWriter;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Single events are written by the group commit's thread; the tessera.lineage events that write
 * queues must still belong to the trace of the call that sent the event.
 */
@QuarkusTest
@LineageTestResources
class IngestTraceTest {

    @Inject
    IngestService ingest;

    @Inject
    ObjectMapper json;

    @Inject
    IngestWriter writer;

    @Test
    void theLineageEventsOfASingleEventCallContinueTheCallersTrace() throws Exception {
        String traceId = randomHex(16);
        Context caller = Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        traceId, randomHex(8), TraceFlags.getSampled(), TraceState.getDefault())));
        String ns = unique("traced");

        try (Scope ignored = caller.makeCurrent()) {
            ingest.ingest(
                    List.of(json.readTree(run("COMPLETE", UUID.randomUUID().toString(), ns, "job", "in", "out"))),
                    false);
        }

        // in -> job and job -> out appeared, each published as a tessera.lineage event in the caller's trace.
        assertThat(traceparents(ns)).hasSize(2).allSatisfy(traceparent -> assertThat(traceparent)
                .startsWith("00-" + traceId + "-"));
    }

    @Test
    void aSingleEventQueuedWithoutWaitingStillContinuesTheCallersTrace() throws Exception {
        String traceId = randomHex(16);
        Context caller = Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        traceId, randomHex(8), TraceFlags.getSampled(), TraceState.getDefault())));
        String ns = unique("async");

        // As the HTTP endpoint does: the call is captured on the request's thread, checked elsewhere
        // and answered after the group commit.
        java.util.concurrent.CompletionStage<dev.tessera.lineage.openlineage.service.IngestResult> answer;
        try (Scope ignored = caller.makeCurrent()) {
            answer = ingest.ingestOne(
                    json.readTree(run("COMPLETE", UUID.randomUUID().toString(), ns, "job", "in", "out")));
        }

        assertThat(answer.toCompletableFuture()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS)
                        .accepted())
                .isEqualTo(1);
        assertThat(traceparents(ns)).hasSize(2).allSatisfy(traceparent -> assertThat(traceparent)
                .startsWith("00-" + traceId + "-"));
    }

    @Test
    void eachCallWrittenInOneGroupKeepsItsOwnTrace() throws Exception {
        String firstTrace = randomHex(16);
        String secondTrace = randomHex(16);
        String first = unique("first");
        String second = unique("second");

        // Two callers' calls in one group transaction, as the group commit writes them.
        writer.write(List.of(call(first, firstTrace), call(second, secondTrace)));

        assertThat(traceparents(first)).hasSize(2).allSatisfy(traceparent -> assertThat(traceparent)
                .startsWith("00-" + firstTrace + "-"));
        assertThat(traceparents(second)).hasSize(2).allSatisfy(traceparent -> assertThat(traceparent)
                .startsWith("00-" + secondTrace + "-"));
    }

    private IngestWriter.Submission call(String ns, String traceId) throws Exception {
        Context trace = Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        traceId, randomHex(8), TraceFlags.getSampled(), TraceState.getDefault())));
        OpenLineageEvent event = OpenLineageParser.parse(
                        json.readTree(run("COMPLETE", UUID.randomUUID().toString(), ns, "job", "in", "out")), "")
                .event();
        return new IngestWriter.Submission(
                List.of(writer.prepare(event)),
                false,
                new AuditLog.Actor("pipeline", null, null),
                trace,
                Traces.traceparent(trace),
                "pipeline",
                DatasetResolver.Claimant.ANYONE);
    }

    /**
     * The trace headers of the two tessera.lineage events (in -> job, job -> out) of the events in a
     * namespace, as consumers receive them from the broker.
     */
    private static List<String> traceparents(String ns) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.LINEAGE)) {
            Map<String, String> byEvent = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.matching(e -> e.data().toString().contains(ns))
                        .forEach(e -> byEvent.putIfAbsent(e.id(), e.headers().get("traceparent")));
                return byEvent.size() >= 2;
            });
            return List.copyOf(byEvent.values());
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}

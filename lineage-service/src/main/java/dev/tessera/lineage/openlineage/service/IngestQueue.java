package dev.tessera.lineage.openlineage.service;

import dev.tessera.lineage.config.LineageConfig;
import dev.tessera.platform.problem.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit for single-event calls. OpenLineage integrations post one event per call, many at
 * once; a transaction per call would make the database's commit rate the ceiling. A call's request
 * thread parses, checks and prepares its event, then waits here; the writer thread (one by default)
 * takes everything that has gathered whenever it starts a transaction (up to a bound) and writes it
 * in one transaction with {@link IngestWriter#write}, which keeps each call's own result, audit
 * entry and trace. While one group is written the next gathers, so groups grow with the load. A
 * caller is answered only after the commit that holds its events. When a grouped transaction fails,
 * its calls are retried one transaction each, so one call's failure is never another's.
 *
 * <p>Whether grouping pays shows in three meters: {@code tessera.lineage.ingest.group.calls} (calls
 * per group actually formed), {@code tessera.lineage.ingest.group.write} (how long a group's
 * transaction took) and {@code tessera.lineage.ingest.group.split} (groups that failed and were
 * written one call at a time). A group's transaction costs about the same whatever its size (three
 * round trips and the commit), so small groups mean single-event ingest pays that cost for every
 * few calls.
 *
 * <p>A group's transaction runs in the trace of its first call (each call's own when a failed group
 * is written one by one); the tessera.lineage events it queues each carry the trace of the call
 * whose event caused them.
 */
@ApplicationScoped
public class IngestQueue {

    private static final Logger LOG = Logger.getLogger(IngestQueue.class);

    @Inject
    IngestWriter writer;

    @Inject
    LineageConfig config;

    @Inject
    MeterRegistry meters;

    private DistributionSummary groupCalls;
    private Timer groupWrite;
    private Counter groupSplit;

    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    private record Waiting(IngestWriter.Submission call, CompletableFuture<IngestResult> result) {}

    void start(@Observes StartupEvent ignored) {
        groupCalls = DistributionSummary.builder("tessera.lineage.ingest.group.calls")
                .description("Single-event ingest calls written together in one transaction")
                .publishPercentiles(0.5, 0.9)
                .register(meters);
        groupWrite = Timer.builder("tessera.lineage.ingest.group.write")
                .description("Time to write and commit one group of single-event ingest calls")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(meters);
        groupSplit = Counter.builder("tessera.lineage.ingest.group.split")
                .description("Groups whose transaction failed and whose calls were written one by one")
                .register(meters);
        running = true;
        for (int i = 0; i < config.ingest().writers(); i++) {
            writers.add(Thread.ofPlatform().name("lineage-ingest-" + i).daemon().start(this::loop));
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /** Writes one call's events together with whatever else is waiting; its result after the commit. */
    public IngestResult submit(IngestWriter.Submission call) {
        try {
            return enqueue(call).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ingest to be written", e);
        }
    }

    /**
     * Queues one call's events to be written with whatever else is waiting, without blocking the
     * caller: the answer completes after the commit (on the writer's thread), or fails when the
     * call is not written within the configured time.
     */
    public CompletableFuture<IngestResult> enqueue(IngestWriter.Submission call) {
        CompletableFuture<IngestResult> result = new CompletableFuture<>();
        waiting.add(new Waiting(call, result));
        long timeout = config.ingest().timeout().toMillis();
        return result.orTimeout(timeout, TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            Throwable cause =
                    failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(
                    cause instanceof TimeoutException
                            // The calls ahead of this one took the whole time limit: a retry sooner
                            // than that would most likely wait behind them again.
                            ? ApiException.busy(
                                    "The event was not written within "
                                            + config.ingest().timeout()
                                            + "; send it again later. It may still be stored: sending it"
                                            + " again is safe, a duplicate is recognised.",
                                    config.ingest().timeout())
                            : cause);
        });
    }

    private void loop() {
        while (running) {
            List<Waiting> group = new ArrayList<>();
            try {
                Waiting first = waiting.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, config.ingest().maxGroup() - 1);
            } catch (InterruptedException e) {
                return;
            }
            write(group);
        }
    }

    private void write(List<Waiting> group) {
        groupCalls.record(group.size());
        long start = System.nanoTime();
        // The group's transaction runs in the first caller's trace, so the tessera.lineage events it
        // queues (the outbox keeps the current traceparent) continue a request instead of starting
        // a trace of their own on this thread.
        try (Scope ignored = group.getFirst().call().trace().makeCurrent()) {
            List<IngestResult> results =
                    writer.write(group.stream().map(Waiting::call).toList());
            groupWrite.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException grouped) {
            if (group.size() == 1) {
                group.getFirst().result().completeExceptionally(grouped);
                return;
            }
            groupSplit.increment();
            LOG.infof("A group of %d ingest calls failed (%s); writing them one by one", group.size(), grouped);
            for (Waiting one : group) {
                try (Scope ignored = one.call().trace().makeCurrent()) {
                    one.result().complete(writer.write(List.of(one.call())).getFirst());
                } catch (RuntimeException alone) {
                    one.result().completeExceptionally(alone);
                }
            }
        }
    }
}

package dev.tessera.registry.product.service;

import dev.tessera.platform.problem.ApiException;
import dev.tessera.registry.product.config.ApplyConfig;
import dev.tessera.registry.product.repository.ProductStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit for single applies (ADR 0015). A call's request thread reads and checks its descriptor, then waits
 * here; a writer thread takes whatever has gathered for it (up to {@link ApplyConfig#maxGroup()} writes) and writes it
 * in one transaction with {@link ApplyWriter#write}, so a transaction and its commit are shared by every caller
 * waiting at that moment, and groups grow with the load. A caller is answered only after the commit that holds its
 * write. There are {@link ApplyConfig#writers()} writers, each with a queue of its own, and a product's writes always
 * go to the same one (by its id's hash): while one writer waits for its commit, another reads or writes, and no two
 * writers ever lock the same product.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>A group holds at most one write per product; a second write of a product already in the group waits for the
 *       next group, ahead of anything that arrived after it. Writes of one product are therefore written in the order
 *       they arrived, each planned against the product as the previous one left it, with If-Match checked against the
 *       product's sequence at that moment.
 *   <li>A refused write (a 4xx decided while planning) is answered with its problem and changes nothing; the others of
 *       its group are written.
 *   <li>When a group's transaction fails, none of its rows is stored; each of its writes is then planned and written
 *       again alone, so one write's failure is never another's. Two first writes of one product from different
 *       transactions meet at the insert; the loser, retried alone, is decided against the winner's product.
 *   <li>A call not written within {@link ApplyConfig#timeout()} is answered 503 with Retry-After; it may still be
 *       written, and sending it again is safe (an unchanged descriptor is UNCHANGED).
 * </ul>
 *
 * <p>{@code tessera.registry.apply.group.writes} shows how many writes shared a transaction;
 * {@code tessera.registry.apply.group.split} counts groups written one by one after a failure.
 */
@ApplicationScoped
public class ApplyQueue {

    private static final Logger LOG = Logger.getLogger(ApplyQueue.class);

    @Inject
    ApplyWriter writer;

    @Inject
    ApplyConfig config;

    @Inject
    MeterRegistry meters;

    private DistributionSummary groupWrites;
    private Counter groupSplit;

    private final List<BlockingQueue<Waiting>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** A write and where its caller waits; the trace is the caller's, so the write's span joins its request. */
    private record Waiting(ApplyWriter.Pending write, Context trace, CompletableFuture<ApplyOutcome> result) {}

    void start(@Observes StartupEvent ignored) {
        groupWrites = DistributionSummary.builder("tessera.registry.apply.group.writes")
                .description("Single applies written together in one transaction")
                .publishPercentiles(0.5, 0.9)
                .register(meters);
        groupSplit = Counter.builder("tessera.registry.apply.group.split")
                .description("Groups of applies whose transaction failed and that were written one by one")
                .register(meters);
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            threads.add(Thread.ofPlatform().name("registry-apply-" + i).daemon().start(() -> loop(queue)));
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    /** Writes one apply together with whatever else is waiting; its outcome once committed, or its refusal. */
    public ApplyOutcome submit(ApplyWriter.Pending write) {
        CompletableFuture<ApplyOutcome> result = new CompletableFuture<>();
        queues.get(Math.floorMod(write.productId().hashCode(), queues.size()))
                .add(new Waiting(write, Context.current(), result));
        try {
            return result.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw ApiException.busy(
                    "The write was not stored within " + config.timeout() + "; send it again later. It may still be"
                            + " stored: sending the same descriptor again is safe, it is then UNCHANGED.",
                    config.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the write to be stored", e);
        }
    }

    /**
     * Writes {@code writes} (distinct products) as one group, on the calling thread, exactly as the writer thread
     * writes a group it formed; one answer per write. For tests that need a group of known members.
     */
    List<CompletableFuture<ApplyOutcome>> writeAsOneGroup(List<ApplyWriter.Pending> writes) {
        List<Waiting> group = writes.stream()
                .map(w -> new Waiting(w, Context.current(), new CompletableFuture<>()))
                .toList();
        write(group);
        return group.stream().map(Waiting::result).toList();
    }

    private void loop(BlockingQueue<Waiting> waiting) {
        // Writes that arrived while a write of the same product was in the group being formed, oldest first.
        Deque<Waiting> backlog = new ArrayDeque<>();
        while (running) {
            try {
                if (backlog.isEmpty()) {
                    Waiting first = waiting.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    backlog.add(first);
                }
                waiting.drainTo(backlog, Math.max(0, config.maxGroup() - backlog.size()));
            } catch (InterruptedException e) {
                return;
            }
            write(nextGroup(backlog));
        }
    }

    /** Takes from the backlog, in order, up to a group of writes of distinct products; the rest stay, in order. */
    private List<Waiting> nextGroup(Deque<Waiting> backlog) {
        List<Waiting> group = new ArrayList<>();
        Set<String> products = new HashSet<>();
        for (Iterator<Waiting> it = backlog.iterator(); it.hasNext() && group.size() < config.maxGroup(); ) {
            Waiting next = it.next();
            if (products.add(next.write().productId())) {
                group.add(next);
                it.remove();
            }
        }
        return group;
    }

    private void write(List<Waiting> group) {
        groupWrites.record(group.size());
        try (Scope ignored = group.getFirst().trace().makeCurrent()) {
            List<ApplyWriter.Decided> decided =
                    writer.write(group.stream().map(Waiting::write).toList());
            for (int i = 0; i < group.size(); i++) {
                complete(group.get(i), decided.get(i));
            }
        } catch (RuntimeException grouped) {
            if (group.size() == 1) {
                group.getFirst().result().completeExceptionally(alone(grouped));
                return;
            }
            groupSplit.increment();
            LOG.infof("A group of %d applies failed (%s); writing them one by one", group.size(), grouped.toString());
            for (Waiting one : group) {
                try (Scope ignored = one.trace().makeCurrent()) {
                    complete(one, writer.write(List.of(one.write())).getFirst());
                } catch (RuntimeException failed) {
                    one.result().completeExceptionally(alone(failed));
                }
            }
        }
    }

    private static void complete(Waiting waiting, ApplyWriter.Decided decided) {
        if (decided.refusal() != null) {
            waiting.result().completeExceptionally(decided.refusal());
        } else {
            waiting.result().complete(decided.outcome());
        }
    }

    /** What the caller of a write that failed on its own is told: a lost race is theirs to retry, anything else ours. */
    private static RuntimeException alone(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProductStore.ConcurrentWriteException) {
                return ApiException.conflict(
                        "The product was written by someone else at the same time; read it again" + " and reapply.");
            }
        }
        return failure;
    }
}

package dev.tessera.catalog.attention.service;

import dev.tessera.catalog.config.CatalogConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Takes page views off the request's path: a page answers as soon as it is built, and its view is
 * recorded by a thread of its own, in batches. Recording never slows or fails a page: a view that finds
 * the queue full is dropped, and a batch the database refuses is dropped; both are logged and counted
 * ({@code tessera.catalog.attention.dropped}). Attention is a popularity signal, not a ledger: losing a
 * few views during an outage is better than pages waiting for the database.
 */
@ApplicationScoped
public class AttentionRecorder {

    private static final Logger LOG = Logger.getLogger(AttentionRecorder.class);

    /** Most views recorded in one transaction. */
    static final int BATCH = 500;

    @Inject
    AttentionService attention;

    @Inject
    CatalogConfig config;

    @Inject
    MeterRegistry meters;

    private BlockingQueue<PageView> queue;
    private Counter recorded;
    private Counter dropped;
    private volatile boolean running;
    private Thread worker;

    @PostConstruct
    void init() {
        queue = new ArrayBlockingQueue<>(config.attention().queueSize());
        recorded = meters.counter("tessera.catalog.attention.recorded");
        dropped = meters.counter("tessera.catalog.attention.dropped");
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        worker = Thread.ofPlatform().name("catalog-attention").daemon().start(this::drain);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a view to be recorded; never blocks and never throws. */
    public void viewed(PageView view) {
        if (!queue.offer(view)) {
            dropped.increment();
            LOG.debugf("Page view of %s dropped: the attention queue is full", view.productId());
        }
    }

    private void drain() {
        List<PageView> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                PageView first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                attention.record(batch);
                recorded.increment(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.increment(batch.size());
                LOG.warnf("Could not record %d page views; they are dropped: %s", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Sends the attention records that are due (see {@link AttentionService#sendDue}). */
    @Scheduled(
            every = "${tessera.catalog.attention.send-interval}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (!running) {
            return;
        }
        try {
            int looked;
            do {
                looked = attention.sendDue(BATCH);
            } while (looked == BATCH && running);
        } catch (RuntimeException e) {
            LOG.warnf("Could not send due attention records; the next round tries again: %s", e.toString());
        }
    }
}

package dev.tessera.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order, at least once, through {@link OutboxPublisher}.
 * A row leaves the outbox only after the broker acknowledged it; a failed send leaves it (and
 * everything after it) for the next round, so an outage delays events but loses none. Runs on one
 * thread of its own, woken right after a commit that wrote events, and otherwise every poll interval.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    OutboxPublisher publisher;

    @Inject
    OutboxRepository repository;

    @Inject
    RelayLeadership leadership;

    @Inject
    TopicProvisioner topics;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry meters;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent ignored) {
        meters.gauge("tessera.outbox.backlog", this, relay -> relay.backlogSafely());
        if (!config.enabled()) {
            LOG.warn("Outbox relay disabled (tessera.outbox.enabled=false): events stay in the outbox");
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        leadership.release();
    }

    /** Wakes the relay as soon as a transaction that wrote events has committed. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wakeUp.release();
    }

    private void loop() {
        Duration pause = config.pollInterval();
        while (running) {
            try {
                wakeUp.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                if (!running) {
                    return;
                }
                pause = relayAll() ? config.pollInterval() : backOff(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay round failed, will retry: %s", e.toString());
                pause = backOff(pause);
            }
        }
    }

    /** Relays until the outbox is empty; false if a send failed (the caller backs off). */
    boolean relayAll() {
        if (!leadership.acquire()) {
            return true;
        }
        if (!topics.ensureTopics()) {
            return false;
        }
        while (running) {
            List<OutboxEvent> batch = repository.pending(config.batchSize());
            if (batch.isEmpty()) {
                return true;
            }
            RoundResult result = send(batch);
            repository.removePublished(result.published());
            if (result.failed() != null) {
                publisher.reset();
                repository.markFailed(result.failed().id, result.error());
                LOG.warnf(
                        "Kafka did not take event %s (%s); %d published this round, the rest waits: %s",
                        result.failed().eventId,
                        result.failed().eventType,
                        result.published().size(),
                        result.error());
                return false;
            }
            if (batch.size() < config.batchSize()) {
                return true;
            }
        }
        return true;
    }

    private RoundResult send(List<OutboxEvent> batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            CompletableFuture<Void> ack = publisher.send(event);
            acks.add(ack);
            // A send refused on the spot (the broker unreachable for the producer's max.block.ms)
            // ends the round: an event sent after it could reach the broker first, out of order.
            if (ack.isCompletedExceptionally()) {
                break;
            }
        }
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            OutboxEvent event = batch.get(i);
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(event.id);
            } catch (ExecutionException e) {
                return new RoundResult(published, event, String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                return new RoundResult(published, event, "no acknowledgement within " + config.ackTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RoundResult(published, event, "interrupted");
            }
        }
        return new RoundResult(published, null, null);
    }

    private Duration backOff(Duration current) {
        Duration next = current.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    private double backlogSafely() {
        try {
            return repository.backlog();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private record RoundResult(List<Long> published, OutboxEvent failed, String error) {}
}

package dev.tessera.platform.outbox;

import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order, at least once. A row is marked published only
 * after the broker acknowledged it; a failed send leaves it (and everything after it) for the
 * next round, so an outage delays events but loses none. Runs on one thread of its own, woken
 * right after a commit that wrote events, and otherwise every poll interval.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel every service configures; the topic is chosen per event. */
    public static final String CHANNEL = "tessera-events";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
    Emitter<String> emitter;

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
            List<OutboxEvent> batch =
                    QuarkusTransaction.requiringNew().call(() -> repository.pending(config.batchSize()));
            if (batch.isEmpty()) {
                return true;
            }
            RoundResult result = send(batch);
            QuarkusTransaction.requiringNew().run(() -> {
                repository.markPublished(result.published(), Instant.now());
                if (result.failed() != null) {
                    repository.markFailed(result.failed().id, result.error());
                }
            });
            if (result.failed() != null) {
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
            acks.add(publish(event));
        }
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
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

    private CompletableFuture<Void> publish(OutboxEvent event) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        var cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId.toString())
                .withType(event.eventType)
                .withSource(config.source())
                .withSubject(event.aggregateId)
                .withTimestamp(event.createdAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(CloudEventAttributes.SEQUENCE_EXTENSION, Long.toString(event.sequence));
        EventType.fromType(event.eventType).ifPresent(t -> cloudEvent.withDataSchema(t.dataSchema()));
        var record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId)
                .withTopic(event.topic)
                .build();
        Metadata metadata = Metadata.of(cloudEvent.build(), record);
        io.opentelemetry.context.Context trace = TraceContexts.fromTraceparent(event.traceparent);
        if (trace != null) {
            metadata = metadata.with(io.smallrye.reactive.messaging.TracingMetadata.with(trace, trace));
        }
        Message<String> message = Message.of(event.payload, metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private Duration backOff(Duration current) {
        Duration next = current.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    private double backlogSafely() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> repository.backlog());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private record RoundResult(List<Long> published, OutboxEvent failed, String error) {}
}

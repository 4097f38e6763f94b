package dev.tessera.platform.outbox;

import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Turns outbox rows into Kafka records in CloudEvents binary mode and sends them through one
 * idempotent producer of the relay's own (see ADR 0011). The relay already orders, batches and
 * acknowledges; a messaging channel in front of the producer added a reactive pipeline, metadata
 * objects and a tracing span per record, and cost several times the send itself.
 *
 * <p>The producer starts from the service's {@code kafka.*} settings (bootstrap servers, security),
 * so whatever reaches the broker for the consumers reaches it for the relay too. What the outbox's
 * guarantees rest on is fixed: every replica acknowledges, and retries never duplicate or reorder a
 * partition.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final String TRACEPARENT = "traceparent";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    OutboxConfig config;

    private Producer<String, String> producer;

    /** Sends one event; the future completes when the broker acknowledged it, or fails. */
    public CompletableFuture<Void> send(OutboxEvent event) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer().send(record(event, config.source()), (metadata, failure) -> {
                if (failure == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    /**
     * Drops the producer after a failed round, so the next round starts with a fresh one whatever
     * state the failure left it in.
     */
    public synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings(kafka), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** The producer's settings: defaults, then the service's kafka.* settings, then what the outbox needs. */
    static Map<String, Object> settings(Map<String, Object> service) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "tessera-outbox-relay");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // A round sends up to tessera.outbox.batch-size rows at once (5,000 in lineage); in batches of
        // the default 16 KiB (about 20 lineage events) the producer and the broker paid their
        // per-batch work every 20 records. 256 KiB batches drain lineage's batched backlog markedly
        // faster (the runs are in benchmarks/README.md). A round of a few rows still leaves after linger.ms.
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        service.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return settings;
    }

    /**
     * The record of one event: keyed by its aggregate (per-aggregate order), its JSON as the value,
     * its CloudEvents attributes as {@code ce_*} headers and the trace it was written in as
     * {@code traceparent}, so consumers continue that trace.
     */
    static ProducerRecord<String, String> record(OutboxEvent event, URI source) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventAttributes.SPECVERSION, CloudEventAttributes.SPEC_VERSION);
        header(headers, CloudEventAttributes.ID, event.eventId.toString());
        header(headers, CloudEventAttributes.SOURCE, source.toString());
        header(headers, CloudEventAttributes.TYPE, event.eventType);
        header(headers, CloudEventAttributes.SUBJECT, event.aggregateId);
        header(headers, CloudEventAttributes.TIME, event.createdAt.toString());
        EventType.fromType(event.eventType)
                .ifPresent(type -> header(
                        headers,
                        CloudEventAttributes.DATASCHEMA,
                        type.dataSchema().toString()));
        header(headers, CloudEventAttributes.SEQUENCE, Long.toString(event.sequence));
        header(headers, CloudEventAttributes.CONTENT_TYPE, "application/json");
        if (TraceContexts.fromTraceparent(event.traceparent) != null) {
            header(headers, TRACEPARENT, event.traceparent);
        }
        return new ProducerRecord<>(event.topic, null, event.aggregateId, event.payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.tessera.governance.support;

import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.SharedInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays lineage: produces QualityObservationV1 events on {@code tessera.quality-observations} the way
 * lineage's outbox relay does (CloudEvents binary mode, key = product id, else the dataset name),
 * each checked against the published schema first.
 */
public final class QualityObservations implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());

    /** Sends observations in order, each as its own record. */
    public void send(QualityObservationV1... observations) {
        for (QualityObservationV1 o : observations) {
            String key = o.productId() != null ? o.productId() : o.dataset().name();
            CloudEventRecords.sendAndWait(producer, record(o, key).record());
        }
    }

    /**
     * Sends many observations without waiting for each acknowledgement (as a relay does), and waits
     * until the broker has them all.
     */
    public void sendAll(List<QualityObservationV1> observations) {
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>(observations.size());
        for (QualityObservationV1 o : observations) {
            // Left unchecked: validating each record of a ten-thousand backlog would dominate the run.
            sent.add(producer.send(record(o, o.productId()).uncheckedRecord()));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** An observation of a product's port from a completed run, carrying the given facts. */
    public static QualityObservationV1 observation(
            String productId,
            String domainId,
            String port,
            Instant at,
            boolean write,
            List<QualityObservationV1.Assertion> assertions,
            Long rowCount) {
        String runId = UUID.randomUUID().toString();
        return new QualityObservationV1(
                UUID.randomUUID().toString(),
                productId,
                domainId,
                List.of(port),
                new QualityObservationV1.Dataset("postgres://db/" + productId + "." + port, List.of()),
                "OUTPUT",
                new QualityObservationV1.Run(runId, UUID.randomUUID().toString(), "COMPLETE", "etl/" + productId),
                at,
                write,
                assertions == null ? List.of() : assertions,
                rowCount == null ? null : new QualityObservationV1.Metrics(rowCount, null, null, null),
                null);
    }

    /** An observation of a dataset no port maps to. */
    public static QualityObservationV1 unmapped(String datasetName, Instant at, long rowCount) {
        return new QualityObservationV1(
                UUID.randomUUID().toString(),
                null,
                null,
                List.of(),
                new QualityObservationV1.Dataset(datasetName, List.of(datasetName)),
                "OUTPUT",
                null,
                at,
                false,
                List.of(assertion("not_null", true, "id", "error")),
                new QualityObservationV1.Metrics(rowCount, null, null, null),
                null);
    }

    /** A producer's assertion at dataset level. */
    public static QualityObservationV1.Assertion assertion(
            String kind, boolean success, String column, String severity) {
        return new QualityObservationV1.Assertion(
                kind, success, column, severity, "DATASET", null, null, null, success ? null : "3 nulls");
    }

    /** An observation as lineage's relay sends it. */
    private static CloudEventRecords.Builder record(QualityObservationV1 o, String key) {
        return CloudEventRecords.event(EventType.QUALITY_OBSERVED, key, ProductEvents.JSON.valueToTree(o))
                .source("/tessera/lineage");
    }

    @Override
    public void close() {
        producer.close();
    }
}

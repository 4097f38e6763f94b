package dev.tessera.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka records carrying a Tessera event the way the outbox relays send them, for tests and
 * benchmarks that play another service: CloudEvents binary content mode (the attributes as the
 * {@code ce_*} headers of {@link CloudEventAttributes}, the JSON payload as the value), on the
 * type's topic, keyed by the aggregate id, which is also the subject.
 *
 * <pre>{@code
 * producer.send(CloudEventRecords.event(EventType.PRODUCT_UPDATED, state.productId(), tree)
 *         .source("/tessera/product-registry")
 *         .sequence(state.sequence())
 *         .record());
 * }</pre>
 */
public final class CloudEventRecords {

    /** The source of records built without naming one. */
    public static final String TEST_SOURCE = "/tessera/test";

    private CloudEventRecords() {}

    /** An event of this type about the aggregate {@code key}, with a fresh id, from {@link #TEST_SOURCE}. */
    public static Builder event(EventType type, String key, JsonNode data) {
        return new Builder(type, key, data);
    }

    /** Sends a record and waits for the broker's acknowledgement; a failed send fails the caller. */
    public static RecordMetadata sendAndWait(Producer<String, String> producer, ProducerRecord<String, String> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the record for " + record.topic(), e.getCause());
        }
    }

    /** The attributes of one event; {@link #record()} makes the record. */
    public static final class Builder {

        private final EventType type;
        private final String key;
        private final JsonNode data;
        private String id = UUID.randomUUID().toString();
        private String source = TEST_SOURCE;
        private Long sequence;

        private Builder(EventType type, String key, JsonNode data) {
            this.type = type;
            this.key = key;
            this.data = data;
        }

        /** A chosen event id, to deliver the same event again. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The service the record claims to come from, as its relay names itself. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** The aggregate's version after the change, as the {@code sequence} extension; absent unless set. */
        public Builder sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        /**
         * The record, once its payload passed the type's published JSON Schema: a test that sends
         * what no real producer could would prove nothing, so a payload breaking the contract fails
         * here, naming what is wrong.
         */
        public ProducerRecord<String, String> record() {
            List<String> problems = EventSchemas.validate(type, data);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "test event breaks the contract of " + type.type() + ": " + problems);
            }
            return uncheckedRecord();
        }

        /**
         * The record without checking its payload: for senders of large batches built from payloads
         * already checked, where validating each would dominate the run.
         */
        public ProducerRecord<String, String> uncheckedRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), key, data.toString());
            Headers headers = record.headers();
            header(headers, CloudEventAttributes.SPECVERSION, CloudEventAttributes.SPEC_VERSION);
            header(headers, CloudEventAttributes.ID, id);
            header(headers, CloudEventAttributes.TYPE, type.type());
            header(headers, CloudEventAttributes.SOURCE, source);
            header(headers, CloudEventAttributes.SUBJECT, key);
            header(headers, CloudEventAttributes.DATASCHEMA, type.dataSchema().toString());
            header(headers, CloudEventAttributes.SEQUENCE, sequence == null ? null : sequence.toString());
            header(headers, CloudEventAttributes.CONTENT_TYPE, "application/json");
            return record;
        }

        /** Adds a header unless its value is absent (an event about no aggregate has no subject). */
        private static void header(Headers headers, String name, String value) {
            if (value != null) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}

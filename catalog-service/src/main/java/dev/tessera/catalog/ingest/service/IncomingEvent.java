package dev.tessera.catalog.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * A CloudEvent read off a Kafka record in binary mode.
 *
 * @param topic the topic it came from
 * @param id the CloudEvents id (the record position when a producer sent none)
 * @param type the CloudEvents type
 * @param source the CloudEvents source
 * @param subject the aggregate id
 * @param time when the producer says it happened
 * @param sequence the aggregate's version: the {@code sequence} extension, else the payload's {@code sequence}
 * @param dataSchema the payload's schema URI
 * @param data the payload
 */
public record IncomingEvent(
        String topic,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        long sequence,
        String dataSchema,
        JsonNode data) {

    private static final Logger LOG = Logger.getLogger(IncomingEvent.class);

    /** Reads a record; empty (and logged) for one that is not a readable Tessera event. */
    public static Optional<IncomingEvent> of(ConsumerRecord<String, String> record, ObjectMapper json) {
        String type = header(record, CloudEventAttributes.TYPE);
        if (record.value() == null || type == null) {
            return Optional.empty();
        }
        JsonNode data;
        try {
            data = json.readTree(record.value());
        } catch (IOException e) {
            LOG.warnf(
                    "Skipping unreadable record %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return Optional.empty();
        }
        if (data == null || !data.isObject()) {
            return Optional.empty();
        }
        String id = header(record, CloudEventAttributes.ID);
        if (id == null) {
            id = record.topic() + "-" + record.partition() + "@" + record.offset();
        }
        long sequence = data.path("sequence").asLong(0);
        String seqHeader = header(record, CloudEventAttributes.SEQUENCE);
        if (seqHeader != null) {
            try {
                sequence = Long.parseLong(seqHeader.trim());
            } catch (NumberFormatException ignored) {
                // fall back to the payload's own sequence
            }
        }
        Instant time = null;
        String timeHeader = header(record, CloudEventAttributes.TIME);
        if (timeHeader != null) {
            try {
                time = Instant.parse(timeHeader);
            } catch (DateTimeParseException ignored) {
                // optional attribute
            }
        }
        if (time == null) {
            time = Instant.ofEpochMilli(record.timestamp());
        }
        String subject = header(record, CloudEventAttributes.SUBJECT);
        return Optional.of(new IncomingEvent(
                record.topic(),
                id,
                type,
                Optional.ofNullable(header(record, CloudEventAttributes.SOURCE)).orElse("/tessera/unknown"),
                subject != null ? subject : record.key(),
                time,
                sequence,
                header(record, CloudEventAttributes.DATASCHEMA),
                data));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

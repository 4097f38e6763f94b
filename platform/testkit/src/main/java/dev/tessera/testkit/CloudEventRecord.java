package dev.tessera.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A CloudEvent read off a Kafka record in binary content mode, as tests see it.
 *
 * @param key the record key
 * @param partition the partition it was read from
 * @param offset its offset
 * @param headers every header, decoded as UTF-8
 * @param data the JSON payload
 */
public record CloudEventRecord(String key, int partition, long offset, Map<String, String> headers, JsonNode data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decodes a record; a value that is not JSON fails the test loudly. */
    public static CloudEventRecord of(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            JsonNode data = record.value() == null ? null : JSON.readTree(record.value());
            return new CloudEventRecord(record.key(), record.partition(), record.offset(), headers, data);
        } catch (IOException e) {
            throw new UncheckedIOException("record value is not JSON at offset " + record.offset(), e);
        }
    }

    public String id() {
        return headers.get(CloudEventAttributes.ID);
    }

    public String type() {
        return headers.get(CloudEventAttributes.TYPE);
    }

    public String subject() {
        return headers.get(CloudEventAttributes.SUBJECT);
    }

    /** The {@code sequence} extension as a number, or -1 when absent. */
    public long sequence() {
        String s = headers.get(CloudEventAttributes.SEQUENCE);
        return s == null ? -1 : Long.parseLong(s);
    }
}

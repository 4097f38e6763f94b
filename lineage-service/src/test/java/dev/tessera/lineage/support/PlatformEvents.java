package dev.tessera.lineage.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.SharedInfrastructure;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes registry and governance events the way their outbox relays do (CloudEvents binary
 * mode, key = aggregate id, sequence extension), after checking them against the event contract.
 */
public final class PlatformEvents {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private PlatformEvents() {}

    /** Sends one event and returns its CloudEvents id. */
    public static String send(EventType type, String key, long sequence, Object payload) {
        return send(type, key, sequence, payload, UUID.randomUUID().toString());
    }

    /** Sends one event with a given id (to test redelivery). */
    public static String send(EventType type, String key, long sequence, Object payload, String eventId) {
        ProducerRecord<String, String> record = CloudEventRecords.event(type, key, JSON.valueToTree(payload))
                .id(eventId)
                .sequence(sequence)
                .record();
        Properties props = SharedInfrastructure.kafka().clientProperties();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            CloudEventRecords.sendAndWait(producer, record);
        }
        return eventId;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}

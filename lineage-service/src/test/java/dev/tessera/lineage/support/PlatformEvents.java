package dev.tessera.lineage.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.testkit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
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
        var tree = JSON.valueToTree(payload);
        var violations = EventSchemas.validate(type, tree);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("test event breaks the contract: " + violations);
        }
        Properties props = SharedInfrastructure.kafka().clientProperties();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), key, tree.toString());
            header(record, CloudEventAttributes.SPECVERSION, CloudEventAttributes.SPEC_VERSION);
            header(record, CloudEventAttributes.ID, eventId);
            header(record, CloudEventAttributes.TYPE, type.type());
            header(record, CloudEventAttributes.SOURCE, "/tessera/test");
            header(record, CloudEventAttributes.SUBJECT, key);
            header(record, CloudEventAttributes.SEQUENCE, String.valueOf(sequence));
            header(record, CloudEventAttributes.CONTENT_TYPE, "application/json");
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

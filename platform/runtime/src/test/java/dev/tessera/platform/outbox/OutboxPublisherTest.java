package dev.tessera.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The records the relay sends: the CloudEvents binary-mode contract, and the producer it sends them with. */
class OutboxPublisherTest {

    private static final URI SOURCE = URI.create("/tessera/lineage");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aRecordCarriesEveryCloudEventsAttributeAsAHeaderAndTheDataAsItsValue() {
        OutboxEvent event = event(TRACEPARENT);

        ProducerRecord<String, String> record = OutboxPublisher.record(event, SOURCE);

        assertThat(record.topic()).isEqualTo("tessera.lineage");
        assertThat(record.key()).isEqualTo("OL|job:a|dataset:b");
        assertThat(record.value()).isEqualTo("{\"edgeKey\":\"OL|job:a|dataset:b\"}");
        assertThat(headers(record))
                .containsEntry(CloudEventAttributes.SPECVERSION, "1.0")
                .containsEntry(CloudEventAttributes.ID, event.eventId.toString())
                .containsEntry(CloudEventAttributes.SOURCE, "/tessera/lineage")
                .containsEntry(CloudEventAttributes.TYPE, EventType.LINEAGE_EDGE_ADDED.type())
                .containsEntry(CloudEventAttributes.SUBJECT, "OL|job:a|dataset:b")
                .containsEntry(CloudEventAttributes.TIME, "2026-11-26T18:04:05.123Z")
                .containsEntry(
                        CloudEventAttributes.DATASCHEMA,
                        EventType.LINEAGE_EDGE_ADDED.dataSchema().toString())
                .containsEntry(CloudEventAttributes.SEQUENCE, "7")
                .containsEntry(CloudEventAttributes.CONTENT_TYPE, "application/json")
                .containsEntry("traceparent", TRACEPARENT);
    }

    @Test
    void aMissingOrMalformedTraceIsLeftOutRatherThanForwarded() {
        assertThat(headers(OutboxPublisher.record(event(null), SOURCE))).doesNotContainKey("traceparent");
        assertThat(headers(OutboxPublisher.record(event("00-not-a-trace"), SOURCE)))
                .doesNotContainKey("traceparent");
    }

    @Test
    void theServicesKafkaSettingsApplyButNeverWeakenAcknowledgementOrIdempotence() {
        Map<String, Object> service = Map.of(
                "bootstrap.servers", "kafka:9092",
                "security.protocol", "SSL",
                "linger.ms", "5",
                "acks", "1",
                "enable.idempotence", "false",
                "transactional.id", "someone-else",
                "auto.offset.reset", "earliest");

        Map<String, Object> settings = OutboxPublisher.settings(service);

        assertThat(settings)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                .doesNotContainKey("auto.offset.reset");
    }

    private static OutboxEvent event(String traceparent) {
        OutboxEvent event = new OutboxEvent();
        event.id = 1L;
        event.eventId = UUID.randomUUID();
        event.topic = "tessera.lineage";
        event.eventType = EventType.LINEAGE_EDGE_ADDED.type();
        event.aggregateId = "OL|job:a|dataset:b";
        event.sequence = 7;
        event.payload = "{\"edgeKey\":\"OL|job:a|dataset:b\"}";
        event.traceparent = traceparent;
        event.createdAt = Instant.parse("2026-11-26T18:04:05.123Z");
        return event;
    }

    private static Map<String, String> headers(ProducerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

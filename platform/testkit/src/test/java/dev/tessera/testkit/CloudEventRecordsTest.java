package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.domain.DomainStateV1;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class CloudEventRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JsonNode domain(String id, long sequence) {
        return JSON.valueToTree(new DomainStateV1(
                id, sequence, "Sales", null, "/domains/" + id, null, Instant.parse("2024-05-01T10:15:30Z")));
    }

    @Test
    void aRecordCarriesTheAttributesAsTheRelaysWriteThem() {
        ProducerRecord<String, String> record = CloudEventRecords.event(
                        EventType.DOMAIN_UPSERTED, "sales", domain("sales", 3))
                .id("e-1")
                .source("/tessera/product-registry")
                .sequence(3)
                .record();

        assertThat(record.topic()).isEqualTo(EventType.DOMAIN_UPSERTED.topic());
        assertThat(record.key()).isEqualTo("sales");
        assertThat(record.value()).isEqualTo(domain("sales", 3).toString());
        assertThat(headers(record))
                .containsExactly(
                        Map.entry("ce_specversion", "1.0"),
                        Map.entry("ce_id", "e-1"),
                        Map.entry("ce_type", "dev.tessera.domain.upserted.v1"),
                        Map.entry("ce_source", "/tessera/product-registry"),
                        Map.entry("ce_subject", "sales"),
                        Map.entry(
                                "ce_dataschema",
                                EventType.DOMAIN_UPSERTED.dataSchema().toString()),
                        Map.entry("ce_sequence", "3"),
                        Map.entry("content-type", "application/json"));
    }

    @Test
    void withoutASequenceOrAKeyThoseAttributesAreLeftOutAndTheIdIsFresh() {
        ProducerRecord<String, String> first = CloudEventRecords.event(
                        EventType.DOMAIN_UPSERTED, null, domain("sales", 1))
                .record();
        ProducerRecord<String, String> second = CloudEventRecords.event(
                        EventType.DOMAIN_UPSERTED, null, domain("sales", 1))
                .record();

        assertThat(headers(first))
                .doesNotContainKeys("ce_subject", "ce_sequence")
                .containsEntry("ce_source", CloudEventRecords.TEST_SOURCE);
        assertThat(headers(first).get("ce_id")).isNotEqualTo(headers(second).get("ce_id"));
    }

    @Test
    void aPayloadBreakingTheContractIsRefusedSayingWhy() {
        JsonNode broken = JSON.createObjectNode().put("sequence", "three");

        assertThatThrownBy(() -> CloudEventRecords.event(EventType.DOMAIN_UPSERTED, "sales", broken)
                        .record())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(EventType.DOMAIN_UPSERTED.type());
        assertThat(CloudEventRecords.event(EventType.DOMAIN_UPSERTED, "sales", broken)
                        .uncheckedRecord()
                        .value())
                .isEqualTo(broken.toString());
    }

    @Test
    void aSentRecordReadsBackAsTheSameCloudEvent(EmbeddedKafka kafka) {
        String topic = EventType.DOMAIN_UPSERTED.topic();
        kafka.createTopics(Map.of(topic, true), 1);
        String id = "sales-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(
                        Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer());
                var reader = new TopicReader(kafka, topic)) {
            CloudEventRecords.sendAndWait(
                    producer,
                    CloudEventRecords.event(EventType.DOMAIN_UPSERTED, id, domain(id, 7))
                            .id("e-" + id)
                            .sequence(7)
                            .record());

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !reader.matching(r -> id.equals(r.key())).isEmpty());
            List<CloudEventRecord> read = reader.matching(r -> id.equals(r.key()));
            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.id()).isEqualTo("e-" + id);
                assertThat(r.type()).isEqualTo(EventType.DOMAIN_UPSERTED.type());
                assertThat(r.subject()).isEqualTo(id);
                assertThat(r.sequence()).isEqualTo(7);
                assertThat(r.data().toString()).isEqualTo(domain(id, 7).toString());
            });
        }
    }

    private static Map<String, String> headers(ProducerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

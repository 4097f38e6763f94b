package dev.tessera.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class EmbeddedKafkaTest {

    @Test
    void recordsSurviveABrokerRestartOnTheSamePort(EmbeddedKafka kafka) throws Exception {
        kafka.createTopics(Map.of("testkit.restart", true), 1);
        try (var producer = producer(kafka)) {
            producer.send(new ProducerRecord<>("testkit.restart", "k", "{\"n\":1}"))
                    .get(30, TimeUnit.SECONDS);
        }

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.restart();

        try (var producer = producer(kafka);
                var reader = new TopicReader(kafka, "testkit.restart")) {
            producer.send(new ProducerRecord<>("testkit.restart", "k", "{\"n\":2}"))
                    .get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 2);
            assertThat(reader.poll()).extracting(r -> r.data().get("n").asInt()).containsExactly(1, 2);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }
}

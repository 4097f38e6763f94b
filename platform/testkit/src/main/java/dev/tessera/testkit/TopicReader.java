package dev.tessera.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a plain Kafka consumer in its own group, the way an
 * outside consumer would, and collects CloudEvents. Not thread-safe; close it after the test.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<CloudEventRecord> seen = new ArrayList<>();

    public TopicReader(EmbeddedKafka kafka, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once and returns everything seen so far. Call it inside an Awaitility condition. */
    public List<CloudEventRecord> poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(CloudEventRecord.of(r));
        }
        return List.copyOf(seen);
    }

    /** Everything seen so far for which the predicate holds, in the order read. */
    public List<CloudEventRecord> matching(Predicate<CloudEventRecord> predicate) {
        poll();
        return seen.stream().filter(predicate).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

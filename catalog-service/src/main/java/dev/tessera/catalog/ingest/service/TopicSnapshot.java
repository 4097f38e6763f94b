package dev.tessera.catalog.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads topics from their first record up to the end they had when reading began, with a plain consumer
 * outside any consumer group: a snapshot of the current state for rebuilds and reconciliation, which must
 * neither move the service's committed offsets nor feed webhooks again.
 */
@ApplicationScoped
public class TopicSnapshot {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Hands every record up to the snapshot's end to {@code sink}, partition by partition in offset order. */
    public void read(List<String> topics, Duration timeout, Consumer<ConsumerRecord<String, String>> sink) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(30));
            for (String topic : topics) {
                for (PartitionInfo p : known.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            Instant deadline = Instant.now().plus(timeout);
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "topics " + topics + " could not be read to their end within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = end.get(tp);
                    if (stop != null && record.offset() < stop) {
                        sink.accept(record);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
    }
}

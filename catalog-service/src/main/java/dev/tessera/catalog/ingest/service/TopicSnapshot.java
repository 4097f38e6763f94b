package dev.tessera.catalog.ingest.service;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

    /**
     * The service's kafka.* settings (security protocol, SASL login, trust store where the broker
     * wants them), so these clients connect as the service's channels do.
     */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** Hands every record up to the snapshot's end to {@code sink}, partition by partition in offset order. */
    public void read(List<String> topics, Duration timeout, Consumer<ConsumerRecord<String, String>> sink) {
        read(topics, timeout, tp -> Long.MAX_VALUE, sink);
    }

    /**
     * Like {@link #read(List, Duration, Consumer)}, but stops each partition at {@code limit} (exclusive)
     * when that comes before the partition's end.
     */
    public void read(
            List<String> topics,
            Duration timeout,
            ToLongFunction<TopicPartition> limit,
            Consumer<ConsumerRecord<String, String>> sink) {
        Properties props = settings(kafka, ConsumerConfig.configNames());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Outside any group: the service's group.id must not be joined or committed to by a snapshot.
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
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
            end.replaceAll((tp, offset) -> Math.min(offset, Math.max(0, limit.applyAsLong(tp))));
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

    /** The offsets a consumer group has committed on the given topics' partitions (none when it has not). */
    public Map<TopicPartition, Long> committed(String group, List<String> topics, Duration timeout) {
        Properties props = settings(kafka, AdminClientConfig.configNames());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null && topics.contains(tp.topic())) {
                    out.put(tp, offset.offset());
                }
            });
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("committed offsets of group " + group + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading committed offsets", e);
        }
    }

    /** The service's kafka.* settings that a client of this kind knows; the rest would only draw warnings. */
    static Properties settings(Map<String, Object> service, Set<String> known) {
        Properties props = new Properties();
        if (service != null) {
            service.forEach((key, value) -> {
                if (known.contains(key) && value != null) {
                    props.put(key, value);
                }
            });
        }
        return props;
    }
}

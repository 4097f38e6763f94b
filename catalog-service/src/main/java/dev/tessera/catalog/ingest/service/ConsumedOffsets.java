package dev.tessera.catalog.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this process has taken each partition into the index: the offset after the last record of
 * every batch the live consumers finished. Reconciliation judges the index only against records it has
 * already taken in, so a consumer that is merely behind (during a bulk load, say) is not drift.
 */
@ApplicationScoped
public class ConsumedOffsets {

    private final Map<TopicPartition, Long> taken = new ConcurrentHashMap<>();

    /** Records that a batch is in the index. */
    public void taken(Iterable<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            taken.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
    }

    /** The offset after the last record taken in from a partition by this process, or 0. */
    public long of(TopicPartition partition) {
        return taken.getOrDefault(partition, 0L);
    }
}

package dev.tessera.lineage.graph.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.lineage.config.LineageConfig;
import dev.tessera.lineage.graph.service.GraphLoader;
import dev.tessera.lineage.graph.service.IndexReconciler;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds this replica's index every change any replica makes: reads tessera.lineage under a consumer
 * group of its own ({@code lineage-index-<instance>}, so every replica reads every partition; both
 * names are {@code tessera.lineage.index.*} settings, which the Kafka ACL checks read) and
 * reconciles the node pairs each poll names ({@link IndexReconciler}).
 *
 * <p>No change may fall between the rebuild and the feed. At start the feed notes where each
 * partition ends, then the index is rebuilt from one snapshot of the tables, then the feed reads from
 * the noted offsets. A change committed after the snapshot was published after it, so at or past
 * those offsets; a change published between the two is read twice, which reconciliation makes
 * harmless. The group never commits offsets (each start has a new group and starts from its own
 * noted offsets), so an old replica's group leaves nothing behind.
 *
 * <p>The replica is ready once it has applied everything published before its rebuild ended, and
 * stays ready after (a broker outage must not take every replica out of service; the lag metric and
 * its alert say when the feed falls behind).
 */
@ApplicationScoped
public class IndexFeed {

    /** The lag gauge: records published on tessera.lineage that this replica's index has not applied. */
    public static final String LAG_METRIC = "tessera.lineage.index.lag.records";

    private static final Logger LOG = Logger.getLogger(IndexFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    LineageConfig config;

    @Inject
    GraphLoader loader;

    @Inject
    IndexReconciler reconciler;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry meters;

    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> start;
    private volatile Map<TopicPartition, Long> target;
    private volatile boolean caughtUp;
    private volatile long lag = -1;
    private volatile boolean running = true;
    private String group;
    private Consumer<String, String> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        group = config.index().groupPrefix() + config.index().instance().orElseGet(IndexFeed::instance);
        meters.gauge(LAG_METRIC, this, feed -> feed.lag);
        consumer = new KafkaConsumer<>(settings(kafka, group), new StringDeserializer(), new StringDeserializer());
        try {
            start = endOffsets();
        } catch (KafkaException e) {
            // The index is built all the same, so this replica answers with its own writes; it stays
            // unready until the broker answers, and then notes the offsets and rebuilds again.
            LOG.warnf("Kafka did not answer before the index rebuild (%s); retrying in the background", e.getMessage());
        }
        loader.rebuild();
        thread = new Thread(this::run, "lineage-index-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once the index holds every change published before this replica's rebuild ended. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records this replica's index has not applied yet, or -1 before the feed knows. */
    public long lag() {
        return lag;
    }

    /** This replica's consumer group. */
    public String group() {
        return group;
    }

    private void run() {
        try {
            while (running && start == null) {
                try {
                    start = endOffsets();
                    loader.rebuild();
                } catch (KafkaException e) {
                    LOG.debugf("Kafka still unavailable for the index feed: %s", e.getMessage());
                    pause(Duration.ofSeconds(2));
                }
            }
            while (running && target == null) {
                try {
                    target = endOffsets();
                } catch (KafkaException e) {
                    pause(Duration.ofSeconds(1));
                }
            }
            consumer.subscribe(List.of(config.index().topic()), new Positions());
            while (running) {
                feed();
            }
        } catch (WakeupException stopping) {
            // shutting down
        } finally {
            consumer.close();
        }
    }

    /** One poll: reconciles what it brought (until that succeeds), then notes positions and lag. */
    private void feed() {
        ConsumerRecords<String, String> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("Index feed poll failed: %s", e.getMessage());
            pause(Duration.ofSeconds(1));
            return;
        }
        if (!records.isEmpty()) {
            List<LineageEdgeV1> events = read(records);
            LOG.debugf("Index feed read %d records, %d events", records.count(), events.size());
            while (running) {
                try {
                    reconciler.announced(events);
                    break;
                } catch (Exception e) {
                    LOG.warnf("Index feed could not reconcile %d events, retrying: %s", events.size(), e.getMessage());
                    pause(Duration.ofSeconds(1));
                }
            }
            for (TopicPartition partition : records.partitions()) {
                applied.put(partition, consumer.position(partition));
            }
        }
        measure();
    }

    private List<LineageEdgeV1> read(ConsumerRecords<String, String> records) {
        List<LineageEdgeV1> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                events.add(json.readValue(record.value(), LineageEdgeV1.class));
            } catch (JsonProcessingException e) {
                LOG.warnf(
                        "Index feed skips unreadable record %s-%d@%d: %s",
                        record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            }
        }
        return events;
    }

    private void measure() {
        long total = 0;
        boolean known = true;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            } else {
                known = false;
            }
        }
        if (!caughtUp) {
            boolean reached = true;
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
                long position = positionOf(end.getKey());
                if (position < end.getValue()) {
                    reached = false;
                    behind += end.getValue() - position;
                }
            }
            if (reached) {
                caughtUp = true;
                LOG.infof("Lineage index caught up with tessera.lineage (group %s)", group);
            } else if (!known || total < behind) {
                total = behind;
                known = true;
            }
        }
        if (known) {
            lag = total;
        }
    }

    /** Where the index has applied a partition to: past its last applied record, else where it started. */
    private long positionOf(TopicPartition partition) {
        Long position = applied.get(partition);
        if (position != null) {
            return position;
        }
        return start.getOrDefault(partition, 0L);
    }

    /** The end offset of every partition of tessera.lineage (none while the topic does not exist). */
    private Map<TopicPartition, Long> endOffsets() {
        Duration timeout = config.index().kafkaTimeout();
        List<PartitionInfo> partitions = consumer.partitionsFor(config.index().topic(), timeout);
        if (partitions == null || partitions.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> topicPartitions = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        return new HashMap<>(consumer.endOffsets(topicPartitions, timeout));
    }

    /**
     * Puts each assigned partition where the index stands: after the last applied record, at the
     * offset noted before the rebuild, or (a partition created since) at its beginning.
     */
    private final class Positions implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                Long position = applied.get(partition);
                if (position == null) {
                    position = start.get(partition);
                }
                LOG.debugf("Index feed assigned %s at %s", partition, position);
                if (position == null) {
                    consumer.seekToBeginning(Set.of(partition));
                } else {
                    consumer.seek(partition, position);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
    }

    /** The consumer's settings: the service's kafka.* settings, then what the feed needs. */
    static Map<String, Object> settings(Map<String, Object> service, String group) {
        Map<String, Object> settings = new HashMap<>();
        service.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The relay creates the topic with its settings; a metadata request must not create it first.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // A topic created after the start is found within seconds, not the default five minutes.
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return settings;
    }

    /** The host (the pod's name on Kubernetes) and a random suffix, unique even across restarts in one pod. */
    private static String instance() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + HexFormat.of().formatHex(random);
    }

    private void pause(Duration duration) {
        if (running) {
            LockSupport.parkNanos(duration.toNanos());
        }
    }
}

package dev.tessera.catalog.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.quality.service.QualityService;
import dev.tessera.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Builds a new index generation from the topics beside the live one and swaps it in. Runs at start when
 * the index is empty or of another format version, and on demand. Events arriving meanwhile are written
 * to both generations by the live consumers; the sequence gate makes the order of the two streams
 * irrelevant, since every aggregate ends at its highest sequence either way. Products' quality is laid over
 * from PostgreSQL last, for status events the topic no longer holds (see {@link QualityService}).
 */
@ApplicationScoped
public class Rebuilder {

    /** Topics the read model is built from; the compacted ones hold every aggregate's latest state. */
    public static final List<String> SOURCES = List.of(
            Topics.PRODUCTS,
            Topics.GOVERNANCE,
            Topics.LINEAGE,
            Topics.ACCESS,
            Topics.QUALITY,
            Topics.USAGE,
            Topics.ATTENTION);

    private static final Logger LOG = Logger.getLogger(Rebuilder.class);

    @Inject
    CatalogIndex index;

    @Inject
    TopicSnapshot snapshot;

    @Inject
    CatalogConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    ConsumedOffsets consumed;

    @Inject
    QualityService quality;

    private volatile RebuildReport last;

    /**
     * What the last rebuild did.
     *
     * @param generation the generation it made live
     * @param events records read from the topics
     * @param applied records that changed the new generation
     * @param startedAt when it began
     * @param finishedAt when the swap happened
     * @param reason why it ran
     */
    public record RebuildReport(
            int generation, long events, long applied, Instant startedAt, Instant finishedAt, String reason) {}

    void onStart(@Observes StartupEvent ignored) {
        rebuildIfStale();
    }

    /**
     * What a start does: rebuilds aside (in the background) when the live index is empty or was written with
     * another {@link CatalogIndex#FORMAT_VERSION}; the live one keeps answering meanwhile. Otherwise the
     * index is ready as it is. True when a rebuild was started.
     */
    public boolean rebuildIfStale() {
        String reason = index.staleReason();
        if (reason == null) {
            index.markReady();
            return false;
        }
        return rebuildAsync(reason);
    }

    /** Starts a rebuild in the background; false if one is running. */
    public boolean rebuildAsync(String reason) {
        if (index.isRebuilding()) {
            return false;
        }
        Thread.ofPlatform().name("catalog-rebuild").daemon().start(() -> rebuild(reason));
        return true;
    }

    /** Rebuilds synchronously; null if another rebuild is running. */
    public RebuildReport rebuild(String reason) {
        if (!index.beginRebuild()) {
            return null;
        }
        Instant started = Instant.now();
        AtomicLong events = new AtomicLong();
        AtomicLong applied = new AtomicLong();
        try {
            LOG.infof("Rebuilding the catalog index from %s (%s)", SOURCES, reason);
            IndexStore target = index.building();
            List<ConsumerRecord<String, String>> lastPerPartition = new ArrayList<>();
            Map<TopicPartition, Integer> slot = new HashMap<>();
            snapshot.read(SOURCES, config.index().rebuildTimeout(), record -> {
                events.incrementAndGet();
                // Remembered so reconciliation knows the new generation holds everything up to here.
                Integer i = slot.putIfAbsent(new TopicPartition(record.topic(), record.partition()), slot.size());
                if (i == null) {
                    lastPerPartition.add(record);
                } else {
                    lastPerPartition.set(i, record);
                }
                IncomingEvent.of(record, json).ifPresent(event -> {
                    // Live writes reach this generation too; a projection reads then writes, so hold the store.
                    synchronized (target) {
                        if (Projector.apply(target, event)) {
                            applied.incrementAndGet();
                        }
                    }
                });
                if (events.get() % 20_000 == 0) {
                    target.refresh();
                }
            });
            // A quality topic not (yet) compacted drops old records; PostgreSQL still has their statuses.
            for (QualityService.Kept kept : quality.all()) {
                synchronized (target) {
                    if (Projector.quality(target, kept.productId(), kept.domainId(), kept.summary())) {
                        applied.incrementAndGet();
                    }
                }
            }
            index.swap();
            consumed.taken(lastPerPartition);
            last = new RebuildReport(index.generation(), events.get(), applied.get(), started, Instant.now(), reason);
            LOG.infof("Catalog index rebuilt: %s", last);
            return last;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Catalog index rebuild failed; the live index keeps serving");
            index.abandonRebuild();
            throw e;
        }
    }

    public RebuildReport last() {
        return last;
    }
}

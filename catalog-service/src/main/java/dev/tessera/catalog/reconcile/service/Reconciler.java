package dev.tessera.catalog.reconcile.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.index.ProductDocuments;
import dev.tessera.catalog.ingest.service.ConsumedOffsets;
import dev.tessera.catalog.ingest.service.IncomingEvent;
import dev.tessera.catalog.ingest.service.Projector;
import dev.tessera.catalog.ingest.service.TopicSnapshot;
import dev.tessera.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Compares the index with the registry's current state and repairs differences. The registry's current
 * state is the compacted {@code tessera.products} topic: every product's newest record carries its full
 * state, it is exactly what the registry published (through its outbox, after commit), and reading it
 * needs no credentials or load on the registry's database. Comparing sequence and content catches
 * missed, stale, out-of-order and tampered documents alike.
 *
 * <p>Memory does not grow with the products' size: the topic is streamed and only a product's newest
 * sequence and a 64-bit {@link StateFingerprint} of its state are kept per product; the index is then
 * streamed key by key and compared with that. Only the products that differ are looked at again: a
 * second read of the topic confirms the differences a live event may have caused meanwhile (a document
 * ahead of the first read, or one the first read did not know yet), and a repair reads the topic once
 * more and re-indexes just those products, in small batches. The first read stops where the live
 * consumers have got to ({@link ConsumedOffsets}, or the group's committed offsets after a restart), so
 * a consumer that is merely behind is not reported as drift.
 *
 * <p>A reconciliation excludes another one and a rebuild ({@link CatalogIndex#beginReconciliation}); a
 * rebuild asked for meanwhile makes it stop at its next step.
 */
@ApplicationScoped
public class Reconciler {

    /** Differences listed in a report; the count covers all of them. */
    static final int LISTED = 1_000;

    /** Products re-indexed per index commit while repairing. */
    static final int REPAIR_BATCH = 500;

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    @Inject
    CatalogIndex index;

    @Inject
    TopicSnapshot snapshot;

    @Inject
    ConsumedOffsets consumed;

    @Inject
    CatalogConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id")
    String group;

    private final AtomicInteger drift = new AtomicInteger();
    private Counter repairedCounter;
    private volatile ReconciliationReport last;

    /** Thrown inside a run when a rebuild waits for it. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("a rebuild is waiting", null, false, false);
        }
    }

    /** What the registry's newest record of a product says. */
    private record Registered(long sequence, long fingerprint) {}

    @PostConstruct
    void meters() {
        meters.gauge("tessera.catalog.drift", drift);
        repairedCounter = meters.counter("tessera.catalog.drift.repaired");
    }

    @Scheduled(
            every = "${tessera.catalog.reconcile.interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (index.isReady() && !index.isRebuilding()) {
            reconcile(config.reconcile().autoRepair());
        }
    }

    /**
     * Compares (and with {@code repair}, repairs); the report lists what differed before any repair.
     * Empty when another reconciliation or a rebuild runs (or began meanwhile): nothing was compared then.
     */
    public Optional<ReconciliationReport> reconcile(boolean repair) {
        if (!index.beginReconciliation()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run(repair));
        } catch (Stopped stopped) {
            LOG.infof("Reconciliation stopped: a rebuild of the catalog index begins");
            return Optional.empty();
        } finally {
            index.endReconciliation();
        }
    }

    public ReconciliationReport last() {
        return last;
    }

    private ReconciliationReport run(boolean repair) {
        long started = System.nanoTime();
        // 1. The registry's state as far as this catalog has consumed it: newest sequence and fingerprint.
        Map<TopicPartition, Long> committed = snapshot.committed(
                group, List.of(Topics.PRODUCTS), config.index().rebuildTimeout());
        Map<String, Registered> registry = new HashMap<>();
        snapshot.read(
                List.of(Topics.PRODUCTS),
                config.index().rebuildTimeout(),
                tp -> Math.max(consumed.of(tp), committed.getOrDefault(tp, 0L)),
                record -> {
                    checkpoint();
                    IncomingEvent.of(record, json).ifPresent(e -> {
                        String id = e.data().path("productId").asText(null);
                        if (id != null) {
                            Registered seen = registry.get(id);
                            if (seen == null || e.sequence() >= seen.sequence()) {
                                registry.put(id, new Registered(e.sequence(), StateFingerprint.of(e.data())));
                            }
                        }
                    });
                });
        int inRegistry = registry.size();

        // 2. The index, one product at a time, against that.
        Map<String, ReconciliationReport.Difference> differences = new HashMap<>();
        int[] inIndex = {0};
        IndexStore store = index.active();
        store.forEachState(Projector.PRODUCT, (key, sourceJson, views) -> {
            checkpoint();
            JsonNode source = json.readTree(sourceJson);
            if (!source.path("state").isObject()) {
                return;
            }
            inIndex[0]++;
            String id = source.path("productId").asText();
            long have = source.path("sequence").asLong(-1);
            Registered want = registry.remove(id);
            String kind;
            if (want == null) {
                kind = "EXTRA";
            } else if (have < want.sequence()) {
                kind = "STALE";
            } else if (have > want.sequence()) {
                kind = "AHEAD";
            } else if (StateFingerprint.of(source.path("state")) != want.fingerprint()) {
                kind = "CORRUPT";
            } else if (views != ProductDocuments.viewCount(source)) {
                kind = "MISSING_VIEW";
            } else {
                return;
            }
            differences.put(
                    id, new ReconciliationReport.Difference(id, kind, want == null ? -1 : want.sequence(), have));
        });
        registry.forEach((id, want) ->
                differences.put(id, new ReconciliationReport.Difference(id, "MISSING", want.sequence(), -1)));
        registry.clear();

        // 3. The topic again, for the products that differ only: a document ahead of the first read, or
        // unknown to it, may just reflect a record that arrived meanwhile.
        Map<String, Long> newest = new HashMap<>();
        if (!differences.isEmpty()) {
            readDiffering(differences, e -> newest.merge(idOf(e), e.sequence(), Math::max));
            differences.values().removeIf(d -> switch (d.kind()) {
                case "EXTRA" -> newest.containsKey(d.productId());
                case "AHEAD" -> newest.getOrDefault(d.productId(), -1L) >= d.indexSequence();
                default -> false;
            });
        }
        drift.set(differences.size());

        // 4. Repair: re-index just those products from the topic, then drop what the registry never had.
        int repaired = 0;
        if (repair && !differences.isEmpty()) {
            repaired = repair(differences, newest);
            repairedCounter.increment(repaired);
            drift.set(0);
            LOG.warnf(
                    "Reconciliation repaired %d of %d differing catalog documents: %s",
                    repaired, differences.size(), listed(differences));
        }
        last = new ReconciliationReport(
                Instant.now(),
                inRegistry,
                inIndex[0],
                differences.size(),
                listed(differences),
                repair && !differences.isEmpty());
        LOG.infof(
                "Reconciliation compared %d products in the registry with %d in the index in %d ms: %d differ",
                inRegistry, inIndex[0], (System.nanoTime() - started) / 1_000_000, differences.size());
        return last;
    }

    private int repair(Map<String, ReconciliationReport.Difference> differences, Map<String, Long> newest) {
        int[] repaired = {0};
        List<IncomingEvent> batch = new ArrayList<>(REPAIR_BATCH);
        readDiffering(differences, e -> {
            String id = idOf(e);
            ReconciliationReport.Difference d = differences.get(id);
            // Older records of the product are still in the topic until compaction removes them.
            if (d.kind().equals("EXTRA") || e.sequence() < newest.getOrDefault(id, Long.MIN_VALUE)) {
                return;
            }
            batch.add(e);
            if (batch.size() == REPAIR_BATCH) {
                repaired[0] += repairBatch(batch, differences);
                batch.clear();
            }
        });
        repaired[0] += repairBatch(batch, differences);
        List<ReconciliationReport.Difference> extra = differences.values().stream()
                .filter(d -> d.kind().equals("EXTRA"))
                .toList();
        for (int from = 0; from < extra.size(); from += REPAIR_BATCH) {
            checkpoint();
            List<ReconciliationReport.Difference> part =
                    extra.subList(from, Math.min(extra.size(), from + REPAIR_BATCH));
            index.apply(live -> {
                for (ReconciliationReport.Difference d : part) {
                    // Only while it is still the document found: anything written since came from a live event.
                    if (sequence(live, d.productId()) == d.indexSequence()) {
                        live.delete(Projector.productKey(d.productId()));
                        repaired[0]++;
                    }
                }
            });
        }
        return repaired[0];
    }

    /**
     * Re-indexes products from their newest records, each only if the index still holds what the
     * comparison found: a live event applied meanwhile is newer and is never overwritten.
     */
    private int repairBatch(List<IncomingEvent> batch, Map<String, ReconciliationReport.Difference> differences) {
        if (batch.isEmpty()) {
            return 0;
        }
        int[] repaired = {0};
        index.apply(live -> {
            for (IncomingEvent e : batch) {
                ReconciliationReport.Difference d = differences.get(idOf(e));
                long have = sequence(live, d.productId());
                boolean write;
                if (have < e.sequence()) {
                    write = true; // missing or stale
                } else if (have == e.sequence()) {
                    write = have == d.indexSequence()
                            && (d.kind().equals("CORRUPT") || d.kind().equals("MISSING_VIEW"));
                } else {
                    write = d.kind().equals("AHEAD") && have == d.indexSequence();
                }
                if (write) {
                    Projector.product(live, e.data(), e.sequence(), true);
                    repaired[0]++;
                }
            }
        });
        return repaired[0];
    }

    /** Reads the whole topic, handing on only records of the differing products (parsed only those). */
    private void readDiffering(Map<String, ReconciliationReport.Difference> differences, Consumer<IncomingEvent> sink) {
        snapshot.read(List.of(Topics.PRODUCTS), config.index().rebuildTimeout(), (ConsumerRecord<String, String> r) -> {
            checkpoint();
            if (r.key() != null && !differences.containsKey(r.key())) {
                return;
            }
            IncomingEvent.of(r, json).ifPresent(e -> {
                String id = idOf(e);
                if (id != null && differences.containsKey(id)) {
                    sink.accept(e);
                }
            });
        });
    }

    /** The product sequence a store holds for a product (-1: no product state). */
    private static long sequence(IndexStore store, String productId) {
        return store.source(Projector.productKey(productId))
                .filter(s -> s.path("state").isObject())
                .map(s -> s.path("sequence").asLong(-1))
                .orElse(-1L);
    }

    private static String idOf(IncomingEvent e) {
        return e.data().path("productId").asText(null);
    }

    private static List<ReconciliationReport.Difference> listed(
            Map<String, ReconciliationReport.Difference> differences) {
        return differences.values().stream()
                .sorted(java.util.Comparator.comparing(ReconciliationReport.Difference::productId))
                .limit(LISTED)
                .toList();
    }

    private void checkpoint() {
        if (index.rebuildWaiting()) {
            throw new Stopped();
        }
    }
}

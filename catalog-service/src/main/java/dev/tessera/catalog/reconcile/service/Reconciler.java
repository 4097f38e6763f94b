package dev.tessera.catalog.reconcile.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.index.Fields;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.index.ProductDocuments;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.jboss.logging.Logger;

/**
 * Compares the index with the registry's current state and repairs differences. The registry's current
 * state is the compacted {@code tessera.products} topic: every product's newest record carries its full
 * state, it is exactly what the registry published (through its outbox, after commit), and reading it
 * needs no credentials or load on the registry's database. Comparing sequence and content catches
 * missed, stale, out-of-order and tampered documents alike.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    @Inject
    CatalogIndex index;

    @Inject
    TopicSnapshot snapshot;

    @Inject
    CatalogConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry meters;

    private final AtomicInteger drift = new AtomicInteger();
    private Counter repairedCounter;
    private volatile ReconciliationReport last;

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

    /** Compares (and with {@code repair}, repairs); the report lists what differed before any repair. */
    public synchronized ReconciliationReport reconcile(boolean repair) {
        Map<String, IncomingEvent> registry = new HashMap<>();
        snapshot.read(
                List.of(Topics.PRODUCTS), config.index().rebuildTimeout(), record -> IncomingEvent.of(record, json)
                        .ifPresent(e -> {
                            String id = e.data().path("productId").asText(null);
                            if (id != null) {
                                registry.merge(id, e, (a, b) -> b.sequence() >= a.sequence() ? b : a);
                            }
                        }));
        IndexStore store = index.active();
        Map<String, JsonNode> indexed = new HashMap<>();
        store.sources(Projector.PRODUCT).forEach((key, source) -> {
            if (source.path("state").isObject()) {
                indexed.put(source.path("productId").asText(), source);
            }
        });
        Map<String, Integer> viewCounts = viewCounts(store);

        List<ReconciliationReport.Difference> differences = new ArrayList<>();
        registry.forEach((id, event) -> {
            JsonNode doc = indexed.get(id);
            long want = event.sequence();
            if (doc == null) {
                differences.add(new ReconciliationReport.Difference(id, "MISSING", want, -1));
                return;
            }
            long have = doc.path("sequence").asLong(-1);
            if (have < want) {
                differences.add(new ReconciliationReport.Difference(id, "STALE", want, have));
            } else if (have > want) {
                differences.add(new ReconciliationReport.Difference(id, "AHEAD", want, have));
            } else if (!doc.path("state").equals(event.data())) {
                differences.add(new ReconciliationReport.Difference(id, "CORRUPT", want, have));
            } else if (viewCounts.getOrDefault(id, 0)
                    != ProductDocuments.views(doc).size()) {
                differences.add(new ReconciliationReport.Difference(id, "MISSING_VIEW", want, have));
            }
        });
        indexed.forEach((id, doc) -> {
            if (!registry.containsKey(id)) {
                differences.add(new ReconciliationReport.Difference(
                        id, "EXTRA", -1, doc.path("sequence").asLong(-1)));
            }
        });
        differences.sort(Comparator.comparing(ReconciliationReport.Difference::productId));
        drift.set(differences.size());
        if (repair && !differences.isEmpty()) {
            index.apply(live -> {
                for (ReconciliationReport.Difference d : differences) {
                    if (d.kind().equals("EXTRA")) {
                        live.delete(Projector.productKey(d.productId()));
                    } else {
                        IncomingEvent e = registry.get(d.productId());
                        Projector.product(live, e.data(), e.sequence(), true);
                    }
                }
            });
            repairedCounter.increment(differences.size());
            drift.set(0);
            LOG.warnf("Reconciliation repaired %d catalog documents: %s", differences.size(), differences);
        }
        last = new ReconciliationReport(
                Instant.now(),
                registry.size(),
                indexed.size(),
                List.copyOf(differences),
                repair && !differences.isEmpty());
        return last;
    }

    public ReconciliationReport last() {
        return last;
    }

    private static Map<String, Integer> viewCounts(IndexStore store) {
        return store.withSearcher(searcher -> {
            Map<String, Integer> counts = new HashMap<>();
            var q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_VIEW)), BooleanClause.Occur.FILTER)
                    .build();
            var stored = searcher.storedFields();
            for (var d :
                    searcher.search(q, Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
                counts.merge(stored.document(d.doc).get(Fields.PRODUCT_ID), 1, Integer::sum);
            }
            return counts;
        });
    }
}

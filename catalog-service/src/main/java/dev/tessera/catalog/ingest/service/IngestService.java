package dev.tessera.catalog.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.feed.service.FeedService;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.quality.service.QualityService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Takes a batch of consumed records into the catalog: first into the feed (with the products' quality status
 * kept in PostgreSQL in the same transaction), then into the index. Webhook
 * deliveries are queued from the feed afterwards by {@code WebhookFanOut}, off this path. Both steps are idempotent, so a batch redelivered after a crash between them
 * completes the second without repeating the first. A batch that fails is retried with backoff rather
 * than skipped: skipping would lose an event for good, and the partition's order depends on it.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    @Inject
    CatalogIndex index;

    @Inject
    FeedService feed;

    @Inject
    QualityService quality;

    @Inject
    ObjectMapper json;

    @Inject
    ConsumedOffsets offsets;

    @Inject
    MeterRegistry meters;

    private Counter applied;
    private Counter received;

    /** Products as the live index knows them: what the feed needs to decide an event's visibility. */
    private final FeedService.ProductFacts productFacts = new FeedService.ProductFacts() {
        @Override
        public String publishedVersion(String productId) {
            return text(productId, "state", "latestPublishedVersion");
        }

        @Override
        public String domain(String productId) {
            return text(productId, "domainId");
        }
    };

    @PostConstruct
    void meters() {
        received = meters.counter("tessera.catalog.events.received");
        applied = meters.counter("tessera.catalog.events.applied");
    }

    /** Ingests one batch, in record order. */
    public void ingest(Iterable<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            IncomingEvent.of(record, json).ifPresent(events::add);
        }
        if (events.isEmpty()) {
            offsets.taken(records);
            return;
        }
        received.increment(events.size());
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                // The product's kept quality moves forward with the feed row that carries it, or not at all.
                QuarkusTransaction.requiringNew().run(() -> {
                    feed.append(events, productFacts);
                    quality.keep(events);
                });
                int[] changed = {0};
                index.apply(store -> {
                    for (IncomingEvent e : events) {
                        if (Projector.apply(store, e)) {
                            changed[0]++;
                        }
                    }
                });
                applied.increment(changed[0]);
                offsets.taken(records);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Could not take %d events into the catalog, retrying in %s: %s", events.size(), backoff, e);
                LockSupport.parkNanos(backoff.toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private String text(String productId, String... path) {
        if (productId == null) {
            return null;
        }
        return index.active()
                .source(Projector.productKey(productId))
                .map(s -> {
                    JsonNode node = s;
                    for (String field : path) {
                        node = node.path(field);
                    }
                    return node;
                })
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElse(null);
    }
}

package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.feed.service.FeedService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Queues webhook deliveries for stored feed events, on the scheduler's thread rather than ingest's: the
 * cost of matching an event against every subscription grows with the subscriptions, and search indexing
 * must not wait for it. Runs every poll interval until no event is left to fan out.
 */
@ApplicationScoped
public class WebhookFanOut {

    private static final Logger LOG = Logger.getLogger(WebhookFanOut.class);

    @Inject
    FeedService feed;

    @Inject
    CatalogConfig config;

    private volatile boolean stopping;

    @Scheduled(
            every = "${tessera.catalog.webhooks.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!stopping) {
            try {
                fanOutPending();
            } catch (RuntimeException e) {
                // The events stay marked; the next round tries again.
                LOG.warnf("Could not fan events out to webhook subscriptions: %s", e.toString());
            }
        }
    }

    void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ignored) {
        stopping = true;
    }

    /** Fans out every stored event not yet fanned out; how many there were. */
    public int fanOutPending() {
        int batch = config.webhooks().fanOutBatchSize();
        int total = 0;
        int done;
        do {
            done = feed.fanOutPending(batch);
            total += done;
        } while (done == batch && !stopping);
        return total;
    }
}

package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.feed.repository.FeedRow;
import dev.tessera.catalog.feed.service.FeedService;
import dev.tessera.catalog.webhook.repository.DeliveryEntity;
import dev.tessera.catalog.webhook.repository.DeliveryRepository;
import dev.tessera.catalog.webhook.repository.DeliveryStatus;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.catalog.webhook.repository.SubscriptionRepository;
import dev.tessera.events.CloudEventAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries as CloudEvents in HTTP binary mode: the event's data as the body, its attributes as
 * {@code ce-*} headers, an HMAC-SHA256 signature of the body. A 2xx accepts it; anything else (or no
 * answer) is retried after an exponentially growing pause, and dead-lettered after the configured number
 * of attempts. Deliveries are claimed with a lease in the database, so several instances never send the
 * same one at once and a crash mid-send only delays it.
 */
@ApplicationScoped
public class WebhookDispatcher {

    /** Header naming the delivery, for receivers' logs. */
    public static final String DELIVERY_HEADER = "X-Tessera-Delivery";

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Inject
    CatalogConfig config;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    FeedService feed;

    @Inject
    SecretBox secrets;

    @Inject
    TargetGuard guard;

    @Inject
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;

    @Scheduled(
            every = "${tessera.catalog.webhooks.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!stopping) {
            dispatchDue();
        }
    }

    void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ignored) {
        // The scheduler may fire once more while the datasource is closing.
        stopping = true;
    }

    /** Sends every due delivery once; returns how many were attempted. */
    public int dispatchDue() {
        Instant now = Instant.now();
        List<Long> due = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.claimDue(
                        now, now.plus(LEASE), config.webhooks().batchSize()));
        List<Future<?>> running = due.stream()
                .<Future<?>>map(id -> senders.submit(() -> attempt(id)))
                .toList();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due.size();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf(
                        "Webhook delivery failed unexpectedly: %s", e.getCause().toString());
            }
        }
        return due.size();
    }

    private record Work(DeliveryEntity delivery, SubscriptionEntity subscription, FeedRow event) {}

    private void attempt(long deliveryId) {
        Work work = QuarkusTransaction.requiringNew().call(() -> {
            DeliveryEntity d = deliveries.findById(deliveryId);
            if (d == null) {
                return null;
            }
            SubscriptionEntity s = subscriptions.findById(d.subscriptionId);
            return new Work(d, s, feed.at(d.feedPosition));
        });
        if (work == null || work.subscription() == null || work.event() == null) {
            return;
        }
        Integer status = null;
        String error = null;
        var refusal = guard.refusal(work.subscription().targetUrl);
        if (refusal.isPresent()) {
            error = "target refused: " + refusal.get();
        } else {
            try {
                HttpResponse<Void> response = http.send(request(work), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status < 200 || status > 299) {
                    error = "receiver answered HTTP " + status;
                }
            } catch (IOException e) {
                error = "no answer: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IllegalStateException unsignable) {
                // A secret sealed under another key: an operator's mistake, counted as a failed attempt.
                error = "cannot sign: " + unsignable.getMessage();
            }
        }
        record(deliveryId, status, error);
    }

    private HttpRequest request(Work work) {
        FeedRow e = work.event();
        byte[] body = e.data() == null ? new byte[0] : e.data().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(work.subscription().targetUrl))
                .timeout(config.webhooks().requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("ce-specversion", CloudEventAttributes.SPEC_VERSION)
                .header("ce-id", e.eventId())
                .header("ce-type", e.type())
                .header("ce-source", e.source())
                .header("ce-" + CloudEventAttributes.SEQUENCE_EXTENSION, Long.toString(e.sequence()))
                .header(
                        Signatures.HEADER,
                        Signatures.sign(secrets.open(work.subscription().id, work.subscription().secret), body))
                .header(DELIVERY_HEADER, Long.toString(work.delivery().id));
        if (e.subject() != null) {
            b.header("ce-subject", e.subject());
        }
        if (e.time() != null) {
            b.header("ce-time", e.time().toString());
        }
        if (e.dataSchema() != null) {
            b.header("ce-dataschema", e.dataSchema());
        }
        return b.build();
    }

    private void record(long deliveryId, Integer status, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            DeliveryEntity d = deliveries.findById(deliveryId);
            if (d == null) {
                return;
            }
            d.attempts++;
            d.lastStatusCode = status;
            d.lastError = error;
            if (error == null) {
                d.status = DeliveryStatus.DELIVERED;
                d.deliveredAt = Instant.now();
                meters.counter("tessera.catalog.webhooks.delivered").increment();
            } else if (d.attempts >= config.webhooks().maxAttempts()) {
                d.status = DeliveryStatus.DEAD;
                meters.counter("tessera.catalog.webhooks.dead").increment();
                LOG.warnf("Webhook delivery %d dead after %d attempts: %s", deliveryId, d.attempts, error);
            } else {
                d.status = DeliveryStatus.RETRYING;
                d.nextAttemptAt = Instant.now().plus(backoff(d.attempts));
            }
        });
    }

    /** The pause after the n-th failure: initial x 2^(n-1), capped. */
    Duration backoff(int failures) {
        Duration initial = config.webhooks().initialBackoff();
        Duration max = config.webhooks().maxBackoff();
        long factor = 1L << Math.min(30, Math.max(0, failures - 1));
        Duration pause = initial.multipliedBy(factor);
        return pause.compareTo(max) > 0 || pause.isNegative() ? max : pause;
    }
}

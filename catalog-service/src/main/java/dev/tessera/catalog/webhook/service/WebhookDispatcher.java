package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.feed.repository.FeedRow;
import dev.tessera.catalog.feed.service.FeedService;
import dev.tessera.catalog.usage.service.UsageRedaction;
import dev.tessera.catalog.webhook.repository.DeliveryEntity;
import dev.tessera.catalog.webhook.repository.DeliveryRepository;
import dev.tessera.catalog.webhook.repository.DeliveryStatus;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.catalog.webhook.repository.SubscriptionRepository;
import dev.tessera.events.CloudEventAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries as CloudEvents in HTTP binary mode: the event's data as the body, its attributes as
 * {@code ce-*} headers, an HMAC-SHA256 signature of the body. A 2xx accepts it; anything else (or no
 * answer) is retried after an exponentially growing pause, and dead-lettered after the configured number
 * of attempts. Before each attempt the subscription owner's current rights are checked ({@link OwnerRights}):
 * an event the owner may no longer see is withheld, not sent, and a usage event goes without the consumers
 * it names to an owner who may not see who uses the product. Deliveries are claimed with a lease in the
 * database, so several instances never send the same one at once and a crash mid-send only delays it.
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
    OwnerRights rights;

    @Inject
    MeterRegistry meters;

    @Inject
    Vertx vertx;

    /**
     * No kept-alive connections: each delivery connects to the address its target was just checked
     * to have. Redirects are never followed (a redirect could lead anywhere); TLS verifies the
     * target's host name, sent as SNI, whatever address is connected to.
     */
    private volatile HttpClient http;

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
        OwnerRights.Decision decision = rights.decide(work.subscription(), work.event());
        if (decision == OwnerRights.Decision.WITHHOLD) {
            withhold(deliveryId);
            return;
        }
        Integer status = null;
        String error = null;
        TargetGuard.Verdict verdict = guard.check(work.subscription().targetUrl);
        if (decision == OwnerRights.Decision.UNKNOWN) {
            error = "the owner's current rights could not be checked; nothing was sent";
        } else if (verdict.refusal().isPresent()) {
            error = "target refused: " + verdict.refusal().get();
        } else {
            try {
                byte[] body = body(work, decision);
                status = send(URI.create(work.subscription().targetUrl), verdict.address(), headers(work, body), body);
                if (status < 200 || status > 299) {
                    error = "receiver answered HTTP " + status;
                }
            } catch (IOException e) {
                error = "no answer: " + e.getMessage();
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

    /** The event's data, without the consumers it names unless the owner may see who uses the product. */
    private static byte[] body(Work work, OwnerRights.Decision decision) {
        String data = decision == OwnerRights.Decision.DELIVER
                ? work.event().data()
                : UsageRedaction.withoutConsumers(
                        work.event().type(), work.event().data());
        return data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> headers(Work work, byte[] body) {
        FeedRow e = work.event();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("ce-specversion", CloudEventAttributes.SPEC_VERSION);
        h.put("ce-id", e.eventId());
        h.put("ce-type", e.type());
        h.put("ce-source", e.source());
        h.put("ce-" + CloudEventAttributes.SEQUENCE_EXTENSION, Long.toString(e.sequence()));
        h.put(
                Signatures.HEADER,
                Signatures.sign(secrets.open(work.subscription().id, work.subscription().secret), body));
        h.put(DELIVERY_HEADER, Long.toString(work.delivery().id));
        if (e.subject() != null) {
            h.put("ce-subject", e.subject());
        }
        if (e.time() != null) {
            h.put("ce-time", e.time().toString());
        }
        if (e.dataSchema() != null) {
            h.put("ce-dataschema", e.dataSchema());
        }
        return h;
    }

    /**
     * POSTs {@code body} to {@code target}, connecting to {@code address} when given (the address the
     * guard checked) and resolving the target's host otherwise; the receiver's status code.
     */
    int send(URI target, InetAddress address, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        long timeout = config.webhooks().requestTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target.toString())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout);
        if (address != null) {
            int port =
                    target.getPort() != -1 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
            options.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)));
        }
        headers.forEach(options::putHeader);
        try {
            // The end is awaited inside send's own callback, which runs on the request's event loop
            // as the response's head arrives. Chained one level out, the callback could run as a
            // later task, after a short response had already ended, and end() then throws.
            return client().request(options)
                    .compose(request -> request.send(Buffer.buffer(body))
                            .compose(response -> response.end().map(done -> response.statusCode())))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Only the kind of failure: the network's own messages name the address that was
            // connected to, and the delivery log is shown to the subscriber.
            throw new IOException(e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + config.webhooks().requestTimeout(), e);
        }
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(false)
                            .setVerifyHost(true)
                            .setConnectTimeout(
                                    (int) config.webhooks().requestTimeout().toMillis()));
                }
                client = http;
            }
        }
        return client;
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

    private void withhold(long deliveryId) {
        QuarkusTransaction.requiringNew().run(() -> {
            DeliveryEntity d = deliveries.findById(deliveryId);
            if (d == null) {
                return;
            }
            d.status = DeliveryStatus.WITHHELD;
            d.lastStatusCode = null;
            d.lastError = "withheld: the subscription's owner may no longer see this event";
            meters.counter("tessera.catalog.webhooks.withheld").increment();
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

package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import dev.tessera.catalog.feed.service.FeedService;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.catalog.webhook.repository.DeliveryEntity;
import dev.tessera.catalog.webhook.repository.DeliveryRepository;
import dev.tessera.catalog.webhook.repository.DeliveryStatus;
import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import dev.tessera.catalog.webhook.repository.SubscriptionRepository;
import dev.tessera.catalog.webhook.rest.SubscriptionRequest;
import dev.tessera.events.EventType;
import dev.tessera.platform.audit.AuditLog;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Webhook subscriptions and their delivery logs. A subscription belongs to whoever created it, and one owner
 * may have at most {@code max-subscriptions-per-owner}. It receives only events its owner could see when
 * subscribing (published products, plus unpublished work of domains the owner held then) and can still see
 * when the event is delivered ({@link OwnerRights}), so a webhook is never a way around search's
 * authorization, not even after the owner's rights are taken away.
 */
@ApplicationScoped
public class SubscriptionService {

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    TargetGuard guard;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Inject
    SecretBox secrets;

    @Inject
    CatalogConfig config;

    @Inject
    JsonWebToken jwt;

    @Transactional
    public SubscriptionEntity create(SubscriptionRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        guard.refusal(request.targetUrl())
                .ifPresent(why -> errors.add(new Problem.FieldError("/targetUrl", "The target URL " + why + ".")));
        SubscriptionRequest.Filter filter =
                request.filter() == null ? new SubscriptionRequest.Filter(null, null, null) : request.filter();
        List<String> types = filter.eventTypes() == null ? List.of() : filter.eventTypes();
        for (int i = 0; i < types.size(); i++) {
            if (EventType.fromType(types.get(i)).isEmpty()) {
                errors.add(new Problem.FieldError(
                        "/filter/eventTypes/" + i,
                        "Unknown event type '" + types.get(i) + "'; see the AsyncAPI document for the types."));
            } else if (FeedService.NOT_FED.contains(types.get(i))) {
                errors.add(new Problem.FieldError(
                        "/filter/eventTypes/" + i,
                        "'" + types.get(i) + "' is never delivered: everyday counts are not events. Subscribe to"
                                + " the changes that matter (a new consumer, a shadow consumer, a product becoming"
                                + " unused or used again); counts are on the product page."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors.get(0).message(), errors);
        }
        String owner = caller.name();
        int limit = config.webhooks().maxSubscriptionsPerOwner();
        if (subscriptions.countLockingOwner(owner) >= limit) {
            throw new ApiException(
                    ProblemType.CONFLICT,
                    "You already have " + limit + " webhook subscriptions, the most one owner may have;"
                            + " delete one you no longer need before adding another.",
                    List.of(),
                    Map.of("limit", limit));
        }
        Visibility visibility = Visibility.of(caller);
        SubscriptionEntity s = new SubscriptionEntity();
        s.id = UUID.randomUUID();
        s.owner = owner;
        s.ownerSubject = jwt == null ? null : jwt.getSubject();
        s.targetUrl = request.targetUrl();
        s.secret = secrets.seal(s.id, request.secret());
        s.description = request.description();
        s.productIds = array(filter.productIds());
        s.domains = array(filter.domains());
        s.eventTypes = array(types);
        s.seesAll = visibility.seesAll();
        s.privilegedDomains = visibility.domains().toArray(String[]::new);
        s.active = true;
        s.createdAt = Instant.now();
        subscriptions.persist(s);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("targetUrl", s.targetUrl);
        detail.put("productIds", List.of(s.productIds));
        detail.put("domains", List.of(s.domains));
        detail.put("eventTypes", List.of(s.eventTypes));
        audit.record("subscription.created", "subscription", s.id.toString(), detail);
        return s;
    }

    @Transactional
    public List<SubscriptionEntity> page(UUID after, int limit) {
        return subscriptions.page(caller.isAdmin() ? null : caller.name(), after, limit);
    }

    /** A subscription the caller owns (admins: any); 404 otherwise, so ids of others' are not confirmed. */
    @Transactional
    public SubscriptionEntity get(UUID id) {
        SubscriptionEntity s = subscriptions.findById(id);
        if (s == null || !(caller.isAdmin() || s.owner.equals(caller.name()))) {
            throw ApiException.notFound("No subscription " + id + " of yours exists.");
        }
        return s;
    }

    @Transactional
    public void delete(UUID id) {
        SubscriptionEntity s = get(id);
        subscriptions.delete(s);
        audit.record("subscription.deleted", "subscription", id.toString(), Map.of("targetUrl", s.targetUrl));
    }

    @Transactional
    public List<DeliveryEntity> log(UUID id, Long before, int limit) {
        get(id);
        return deliveries.log(id, before, limit);
    }

    /** Queues a delivery again with a fresh attempt budget, whatever its state; the event id stays the same. */
    @Transactional
    public DeliveryEntity redeliver(UUID id, long deliveryId) {
        get(id);
        DeliveryEntity d = deliveries.findById(deliveryId);
        if (d == null || !d.subscriptionId.equals(id)) {
            throw ApiException.notFound("Subscription " + id + " has no delivery " + deliveryId + ".");
        }
        d.status = DeliveryStatus.PENDING;
        d.attempts = 0;
        d.nextAttemptAt = Instant.now();
        d.lastError = null;
        audit.record("delivery.redelivered", "subscription", id.toString(), Map.of("deliveryId", deliveryId));
        return d;
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.stream().distinct().toArray(String[]::new);
    }

    /** Seals, at start-up, secrets stored by versions that kept them bare. */
    @Transactional
    void sealBareSecretsOnStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        sealBareSecrets();
    }

    /** Seals every secret still stored bare; how many there were. */
    @Transactional
    public int sealBareSecrets() {
        List<SubscriptionEntity> bare = subscriptions.list("secret not like ?1", SecretBox.PREFIX + "%");
        bare.forEach(s -> s.secret = secrets.seal(s.id, s.secret));
        return bare.size();
    }
}

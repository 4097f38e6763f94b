package dev.tessera.catalog.webhook.rest;

import dev.tessera.catalog.webhook.repository.SubscriptionEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it: never with its secret.
 *
 * @param id the subscription
 * @param owner who created it
 * @param targetUrl where deliveries go
 * @param description what it is for
 * @param filter which events it receives
 * @param active whether it receives new events
 * @param createdAt when it was created
 */
public record SubscriptionResponse(
        UUID id,
        String owner,
        String targetUrl,
        String description,
        SubscriptionRequest.Filter filter,
        boolean active,
        Instant createdAt) {

    static SubscriptionResponse of(SubscriptionEntity s) {
        return new SubscriptionResponse(
                s.id,
                s.owner,
                s.targetUrl,
                s.description,
                new SubscriptionRequest.Filter(List.of(s.productIds), List.of(s.domains), List.of(s.eventTypes)),
                s.active,
                s.createdAt);
    }
}

package dev.tessera.catalog.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.catalog.webhook.repository.DeliveryEntity;
import java.time.Instant;

/**
 * One entry of a subscription's delivery log.
 *
 * @param id the delivery
 * @param eventId the CloudEvents id delivered
 * @param feedPosition the event's place in the feed
 * @param status PENDING, RETRYING, DELIVERED, DEAD or WITHHELD (the owner may no longer see the event)
 * @param attempts attempts so far
 * @param nextAttemptAt when it is tried next (PENDING, RETRYING)
 * @param lastStatusCode the receiver's last HTTP status
 * @param lastError why the last attempt failed
 * @param createdAt when it was queued
 * @param deliveredAt when the receiver accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryResponse(
        long id,
        String eventId,
        long feedPosition,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        Instant deliveredAt) {

    static DeliveryResponse of(DeliveryEntity d) {
        boolean open = d.status.name().equals("PENDING") || d.status.name().equals("RETRYING");
        return new DeliveryResponse(
                d.id,
                d.eventId,
                d.feedPosition,
                d.status.name(),
                d.attempts,
                open ? d.nextAttemptAt : null,
                d.lastStatusCode,
                d.lastError,
                d.createdAt,
                d.deliveredAt);
    }
}

package dev.tessera.catalog.webhook.repository;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Not tried yet. */
    PENDING,
    /** Failed at least once; tried again at {@code next_attempt_at}. */
    RETRYING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Failed the configured number of times; only a manual redelivery tries again. */
    DEAD,
    /**
     * Not sent because the subscription's owner may no longer see the event (a domain or role taken away, the
     * account disabled or removed); a manual redelivery checks again.
     */
    WITHHELD
}

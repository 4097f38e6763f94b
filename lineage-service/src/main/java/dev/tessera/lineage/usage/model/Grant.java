package dev.tessera.lineage.usage.model;

import java.time.Instant;

/**
 * An access grant that is or was ACTIVE on one of a product's ports.
 *
 * @param requestId the access request
 * @param port the port granted
 * @param consumerProductId the consuming product, when the request named one
 * @param consumerDomainId the consuming product's domain, when known
 * @param subject the user or client that asked
 * @param status the request's current status (ACTIVE, REVOKED, EXPIRED, ...)
 * @param activeFrom when it first became ACTIVE
 * @param activeUntil when it stopped being ACTIVE; null while it is
 */
public record Grant(
        String requestId,
        String port,
        String consumerProductId,
        String consumerDomainId,
        String subject,
        String status,
        Instant activeFrom,
        Instant activeUntil) {

    public static final String ACTIVE = "ACTIVE";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** The consumer it grants to: its product when it names one, else its subject. */
    public String consumerKey() {
        return consumerProductId != null ? ConsumerKeys.product(consumerProductId) : ConsumerKeys.subject(subject);
    }
}

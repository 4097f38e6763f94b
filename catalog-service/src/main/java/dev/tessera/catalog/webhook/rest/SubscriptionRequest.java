package dev.tessera.catalog.webhook.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new webhook subscription.
 *
 * @param targetUrl where deliveries are POSTed (http or https, not an internal address)
 * @param secret at least 16 characters; deliveries carry {@code X-Tessera-Signature: sha256=HMAC(secret, body)}
 * @param description what it is for
 * @param filter which events; an empty or absent list matches everything on that axis
 */
public record SubscriptionRequest(
        @NotBlank @Size(max = 2000) String targetUrl,
        @NotBlank @Size(min = 16, max = 256) String secret,
        @Size(max = 500) String description,
        @Valid Filter filter) {

    /**
     * Which events a subscription receives: all listed axes must match.
     *
     * @param productIds only events about these products
     * @param domains only events about products of these domains
     * @param eventTypes only these CloudEvents types
     */
    public record Filter(
            @Size(max = 200) List<@NotBlank @Size(max = 200) String> productIds,
            @Size(max = 100) List<@NotBlank @Size(max = 200) String> domains,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes) {}
}

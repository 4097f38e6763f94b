package dev.tessera.events.usage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Payload of {@code dev.tessera.attention.refreshed.v1}: how much attention one product gets in
 * the catalog, counted by distinct users per day. The catalog sends it when a product's numbers
 * for the day change, at most once per product per hour and always at the first view of a day, so
 * {@code lastViewedAt} is never more than an hour behind. Every record carries the product's full
 * current attention (the topic is compacted).
 *
 * @param productId the product (record key and CloudEvents subject)
 * @param domainId the product's domain
 * @param sequence the catalog's monotonic counter of this product's attention records
 * @param pageViewsLast30Days product page views in the last 30 days, one per user and day
 * @param viewersLast30Days distinct users who opened the page in the last 30 days
 * @param clickThroughsLast30Days search hits of the product opened in the last 30 days, one per
 *     user and day
 * @param lastViewedAt when a user last opened the product's page
 * @param asOf when these numbers were counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttentionV1(
        String productId,
        String domainId,
        long sequence,
        long pageViewsLast30Days,
        long viewersLast30Days,
        long clickThroughsLast30Days,
        Instant lastViewedAt,
        Instant asOf) {}

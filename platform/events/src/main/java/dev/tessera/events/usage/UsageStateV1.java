package dev.tessera.events.usage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Payload of every event on {@code tessera.usage}: one product's whole current usage, after a
 * change that matters (a new consumer, a new shadow consumer, the product becoming unused or used
 * again) or after the daily refresh of its counts. Runs are never events one by one: a product
 * read a thousand times a day sends at most one refresh that day. Every record carries the full
 * current usage, so a reader needs only the latest one per product (the topic is compacted).
 *
 * <p>Three sources are kept apart: consumers that declared an input port on the product
 * (DECLARED), that hold or held an access grant (GRANTED), and OpenLineage jobs seen reading a
 * dataset of one of its ports (OBSERVED). A consumer is a product when one is known (the
 * consuming product named by an input port or a grant, or the product whose ports an observed
 * job's outputs map to), otherwise the job or the grant's subject. A SHADOW consumer is observed
 * reading with neither an ACTIVE grant nor a declared input port.
 *
 * @param productId the product (record key and CloudEvents subject)
 * @param domainId the product's domain, when known
 * @param sequence lineage's monotonic counter of this product's usage records
 * @param consumers distinct consumers by kind; a consumer of two kinds counts in both
 * @param readsLast30Days distinct runs that read the product in the 30 days up to {@code asOf}
 * @param lastReadAt when an observed run last read the product, if one ever did
 * @param attention page views and search click-throughs in the catalog, as last reported by it
 * @param unused whether the product is published and neither read nor viewed in the last
 *     {@code unusedAfterDays} days (counted from its publication when that is later)
 * @param unusedAfterDays the threshold that decides {@code unused}
 * @param unusedSince when the product became unused; absent while it is used
 * @param shadowConsumers the shadow consumers, most recently read first, at most 100
 * @param shadowConsumersTotal how many shadow consumers there are, including those not listed
 * @param change what this record reports
 * @param asOf when this usage was computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageStateV1(
        String productId,
        String domainId,
        long sequence,
        Counts consumers,
        long readsLast30Days,
        Instant lastReadAt,
        Attention attention,
        boolean unused,
        int unusedAfterDays,
        Instant unusedSince,
        List<Consumer> shadowConsumers,
        int shadowConsumersTotal,
        Change change,
        Instant asOf) {

    /** The most shadow consumers one record lists. */
    public static final int MAX_LISTED_SHADOW_CONSUMERS = 100;

    /**
     * Distinct consumers by kind.
     *
     * @param declared consumers with an input port on this product
     * @param granted consumers holding an ACTIVE grant on one of its ports
     * @param observed consumers seen reading it in the last 30 days
     * @param shadow observed consumers with neither an ACTIVE grant nor a declaration
     * @param total distinct consumers of any kind
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(int declared, int granted, int observed, int shadow, int total) {}

    /**
     * One consumer.
     *
     * @param kinds DECLARED, GRANTED and/or OBSERVED
     * @param productId the consuming product, when known
     * @param domainId the consuming product's domain, when known
     * @param job the observed job as {@code namespace/name}, for observed consumers
     * @param subject the grant's user or client, for a granted consumer without a product
     * @param runs distinct runs that read the product in the last 30 days
     * @param firstReadAt when the consumer was first seen reading the product
     * @param lastReadAt when the consumer was last seen reading the product
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consumer(
            List<String> kinds,
            String productId,
            String domainId,
            String job,
            String subject,
            long runs,
            Instant firstReadAt,
            Instant lastReadAt) {}

    /**
     * The catalog's attention signal, from {@code tessera.attention}.
     *
     * @param pageViewsLast30Days product page views in the last 30 days
     * @param viewersLast30Days distinct users who viewed the page in the last 30 days
     * @param clickThroughsLast30Days search hits of this product opened in the last 30 days
     * @param lastViewedAt when a user last opened the product's page
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attention(
            long pageViewsLast30Days, long viewersLast30Days, long clickThroughsLast30Days, Instant lastViewedAt) {}

    /**
     * What a record reports.
     *
     * @param kind CONSUMER_ADDED, SHADOW_CONSUMER_FOUND, BECAME_UNUSED, BECAME_USED or REFRESHED
     * @param consumer the consumer that appeared, for CONSUMER_ADDED and SHADOW_CONSUMER_FOUND
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(String kind, Consumer consumer) {}
}

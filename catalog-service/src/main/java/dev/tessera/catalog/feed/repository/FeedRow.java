package dev.tessera.catalog.feed.repository;

import java.time.Instant;

/**
 * One event of the feed, as stored.
 *
 * @param position its place in the feed (consumption order)
 * @param eventId the CloudEvents id
 * @param type the CloudEvents type
 * @param source the CloudEvents source
 * @param subject the aggregate id
 * @param time when it happened
 * @param sequence the aggregate's version
 * @param dataSchema the payload's schema
 * @param data the JSON payload
 * @param productId the product it concerns, if any
 * @param domainId that product's domain
 * @param publicEvent true when it reveals nothing unpublished
 */
public record FeedRow(
        long position,
        String eventId,
        String type,
        String source,
        String subject,
        Instant time,
        long sequence,
        String dataSchema,
        String data,
        String productId,
        String domainId,
        boolean publicEvent) {}

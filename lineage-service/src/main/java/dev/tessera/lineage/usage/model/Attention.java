package dev.tessera.lineage.usage.model;

import java.time.Instant;

/**
 * A product's attention in the catalog, as the catalog last reported it on tessera.attention.
 *
 * @param pageViews page views in the last 30 days, one per user and day
 * @param viewers distinct users who opened the page in the last 30 days
 * @param clickThroughs search hits of the product opened in the last 30 days
 * @param lastViewedAt when a user last opened the product's page
 */
public record Attention(long pageViews, long viewers, long clickThroughs, Instant lastViewedAt) {}

package dev.tessera.catalog.attention.service;

import java.time.Instant;

/**
 * One opening of a product's page by a person.
 *
 * @param productId the product
 * @param domainId its domain, as the page showed it
 * @param viewer who opened it, as {@link Viewers#of} names them (never the token's subject itself)
 * @param viaSearch whether it was opened from a search hit ({@code ?via=search})
 * @param at when, by the {@link AttentionClock}
 */
public record PageView(String productId, String domainId, String viewer, boolean viaSearch, Instant at) {}

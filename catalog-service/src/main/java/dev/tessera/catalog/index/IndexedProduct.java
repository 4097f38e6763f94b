package dev.tessera.catalog.index;

import dev.tessera.catalog.usage.service.ProductUsage;

/**
 * One view of a product as it is indexed: what its facets, sort fields and stored hit are drawn from.
 *
 * @param summary what the viewed version's descriptor says
 * @param complianceScore governance's score, or null before its first evaluation
 * @param rating governance's rating band, or null before its first evaluation
 * @param quality the product's quality status as the API names it ({@code unknown} until governance decided)
 * @param usage how much it is used and looked at (zero before lineage and the catalog counted anything)
 */
public record IndexedProduct(
        ProductDocuments.Summary summary, Double complianceScore, String rating, String quality, ProductUsage usage) {}

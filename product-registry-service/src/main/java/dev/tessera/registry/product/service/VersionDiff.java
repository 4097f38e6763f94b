package dev.tessera.registry.product.service;

import dev.tessera.standards.contract.Finding;
import java.util.List;

/**
 * How one version of a product differs from another, compared without {@code status}.
 *
 * @param productId the product
 * @param from the version compared from, as stored
 * @param to the version compared to, as stored
 * @param changes the structured differences, from {@code from} to {@code to}
 * @param findings breaking-change findings of {@code to} against {@code from}
 */
public record VersionDiff(
        String productId, String from, String to, List<DescriptorDiff.Change> changes, List<Finding> findings) {}

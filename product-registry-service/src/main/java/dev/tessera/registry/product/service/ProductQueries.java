package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.registry.product.mapping.ProductMapper;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductRepository;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.repository.ProductVersionRepository;
import dev.tessera.standards.contract.BreakingChangeDetector;
import dev.tessera.standards.contract.SemanticVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads products and their versions as the caller may see them ({@link VersionVisibility}): a product with no version
 * the caller may see, and a version the caller may not see, answer 404 exactly like ones that do not exist, so reads
 * never reveal unpublished work. Nothing here writes.
 */
@ApplicationScoped
public class ProductQueries {

    @Inject
    ProductRepository products;

    @Inject
    ProductVersionRepository versions;

    @Inject
    VersionVisibility visibility;

    @Inject
    ProductMapper mapper;

    @Inject
    BreakingChangeDetector detector;

    /**
     * A product the caller may see: one with a published version, or any product for the owning domain's owners,
     * governance officers and platform admins. Anyone else gets the 404 of a product that does not exist.
     */
    public ProductEntity get(String productId) {
        ProductEntity product = existing(productId);
        history(product);
        return product;
    }

    /** The versions of a product the caller may see, oldest first; never empty (404 instead). */
    public List<ProductVersionEntity> history(String productId) {
        return history(existing(productId));
    }

    /** One version the caller may see; the path may spell it with or without a leading v. */
    public ProductVersionEntity version(String productId, String version) {
        ProductEntity product = get(productId);
        ProductVersionEntity found = anyVersion(productId, version);
        if (found.status.isUnpublished() && !visibility.seesUnpublished(product.domainId)) {
            throw ProductProblems.noSuchVersion(productId, found.version);
        }
        return found;
    }

    /** Structured diff and breaking-change findings between two versions of a product the caller may see. */
    public VersionDiff diff(String productId, String from, String to) {
        ProductVersionEntity a = version(productId, from);
        ProductVersionEntity b = version(productId, to);
        JsonNode left = DescriptorContent.withoutStatus(mapper.descriptor(a));
        JsonNode right = DescriptorContent.withoutStatus(mapper.descriptor(b));
        return new VersionDiff(
                productId, a.version, b.version, DescriptorDiff.between(left, right), detector.compare(left, right));
    }

    /** A page of the products the caller may see; {@code status} filters on the newest version they may see. */
    public List<ProductEntity> page(String domainId, Lifecycle status, String afterId, int limit) {
        return products.page(domainId, status, afterId, limit, visibility.draftDomains());
    }

    /** The versions the caller may see of each product on a page, oldest first. */
    public Map<String, List<ProductVersionEntity>> versionsOf(List<ProductEntity> page) {
        Map<String, String> domainOf = new LinkedHashMap<>();
        page.forEach(p -> domainOf.put(p.id, p.domainId));
        Map<String, List<ProductVersionEntity>> byProduct = new LinkedHashMap<>();
        for (ProductVersionEntity v : versions.ofProducts(List.copyOf(domainOf.keySet()))) {
            if (!v.status.isUnpublished() || visibility.seesUnpublished(domainOf.get(v.productId))) {
                byProduct.computeIfAbsent(v.productId, k -> new ArrayList<>()).add(v);
            }
        }
        return byProduct;
    }

    /**
     * Any version of an existing product, published or not, without the visibility rule: for write paths, which
     * check the caller's rights themselves.
     *
     * @param version the version as the caller spelt it; a 400 at {@code version} when it is not a semantic version
     */
    public ProductVersionEntity anyVersion(String productId, String version) {
        existing(productId);
        SemanticVersion parsed = ProductProblems.semanticVersion(version, "version");
        return versions.find(productId, parsed.toString())
                .orElseThrow(() -> ProductProblems.noSuchVersion(productId, parsed.toString()));
    }

    private ProductEntity existing(String productId) {
        ProductEntity product = products.findById(productId);
        if (product == null) {
            throw ProductProblems.noSuchProduct(productId);
        }
        return product;
    }

    private List<ProductVersionEntity> history(ProductEntity product) {
        List<ProductVersionEntity> visible = visibility.visible(product.domainId, versions.ofProduct(product.id));
        if (visible.isEmpty()) {
            // Same answer as for a product that does not exist: its existence is unpublished too.
            throw ProductProblems.noSuchProduct(product.id);
        }
        return visible;
    }
}

package dev.tessera.registry.product.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.registry.product.repository.Lifecycle;
import dev.tessera.registry.product.repository.ProductEntity;
import dev.tessera.registry.product.repository.ProductVersionEntity;
import dev.tessera.registry.product.rest.ProductResponse;
import dev.tessera.registry.product.rest.ProductSummary;
import dev.tessera.registry.product.rest.VersionResponse;
import dev.tessera.registry.product.rest.VersionSummary;
import dev.tessera.standards.contract.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Maps stored products to what the API returns and what events carry. Descriptors always leave
 * with {@code status} reflecting the version's lifecycle, whatever the owner wrote there.
 */
@ApplicationScoped
public class ProductMapper {

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    ObjectMapper json;

    /** The descriptor of a version as it leaves the registry. */
    public ObjectNode descriptor(ProductVersionEntity v) {
        ObjectNode node = (ObjectNode) read(v.descriptorText);
        node.put("status", v.status.odpsStatus());
        return node;
    }

    public List<Finding> findings(ProductVersionEntity v) {
        return v.findings == null ? List.of() : read(v.findings, FINDINGS);
    }

    public List<String> reasons(ProductVersionEntity v) {
        return v.statusReasons == null ? List.of() : read(v.statusReasons, STRINGS);
    }

    public VersionSummary summary(ProductVersionEntity v) {
        return new VersionSummary(
                v.version,
                v.status.name(),
                v.createdAt,
                v.createdBy,
                v.statusChangedAt,
                reasons(v),
                v.sunsetDate,
                v.successor);
    }

    public VersionResponse version(ProductVersionEntity v) {
        return new VersionResponse(v.productId, summary(v), descriptor(v), findings(v));
    }

    /** Full product view; {@code versions} oldest first and not empty. */
    public ProductResponse product(ProductEntity p, List<ProductVersionEntity> versions) {
        ProductVersionEntity head = versions.getLast();
        ObjectNode descriptor = descriptor(head);
        return new ProductResponse(
                p.id,
                p.domainId,
                name(p, descriptor),
                p.sequence,
                head.version,
                head.status.name(),
                latestReleased(versions).map(v -> v.version).orElse(null),
                versions.stream().map(this::summary).toList(),
                descriptor,
                findings(head),
                p.createdAt,
                p.updatedAt);
    }

    public ProductSummary summaryLine(ProductEntity p, List<ProductVersionEntity> versions) {
        ProductVersionEntity head = versions.getLast();
        return new ProductSummary(
                p.id,
                p.domainId,
                // The stored name is the newest version's; a caller who may not see that version gets the name of
                // the one shown. Only a published head can hide a newer draft, so drafts skip the extra read.
                head.status.isUnpublished() ? p.name : name(p, descriptor(head)),
                head.version,
                head.status.name(),
                latestReleased(versions).map(v -> v.version).orElse(null),
                p.updatedAt);
    }

    /** The name a descriptor gives its product, as apply stores it: {@code name}, else the product id. */
    private static String name(ProductEntity p, ObjectNode descriptor) {
        JsonNode name = descriptor.get("name");
        return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : p.id;
    }

    /** The full-state event payload after a change. */
    public ProductStateV1 state(ProductEntity p, List<ProductVersionEntity> versions, ProductStateV1.Change change) {
        ProductVersionEntity head = versions.getLast();
        Optional<ProductVersionEntity> released = latestReleased(versions);
        return new ProductStateV1(
                p.id,
                p.sequence,
                p.domainId,
                p.name,
                change,
                versions.stream()
                        .map(v -> new ProductStateV1.VersionSummary(
                                v.version,
                                v.status.name(),
                                v.sunsetDate == null ? null : v.sunsetDate.toString(),
                                v.successor,
                                v.createdAt))
                        .toList(),
                head.version,
                released.map(v -> v.version).orElse(null),
                descriptor(head),
                released.map(this::descriptor).orElse(null),
                findings(head).stream()
                        .map(f -> new ProductStateV1.Finding(f.severity().name(), f.rule(), f.path(), f.message()))
                        .toList(),
                p.updatedAt);
    }

    /** The newest PUBLISHED or DEPRECATED version: the baseline consumers rely on. */
    public static Optional<ProductVersionEntity> latestReleased(List<ProductVersionEntity> versionsOldestFirst) {
        for (int i = versionsOldestFirst.size() - 1; i >= 0; i--) {
            if (versionsOldestFirst.get(i).status.isReleased()) {
                return Optional.of(versionsOldestFirst.get(i));
            }
        }
        return Optional.empty();
    }

    /** The version being worked on (DRAFT or PENDING_APPROVAL), if any. */
    public static Optional<ProductVersionEntity> openVersion(List<ProductVersionEntity> versions) {
        return versions.stream()
                .filter(v -> v.status == Lifecycle.DRAFT || v.status == Lifecycle.PENDING_APPROVAL)
                .findFirst();
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

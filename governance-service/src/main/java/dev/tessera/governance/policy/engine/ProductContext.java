package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Everything an expression may see about one product.
 *
 * @param descriptor the head version's descriptor (ODPS with inline ODCS), bound as {@code product}
 * @param previous the latest published descriptor or null, bound as {@code previous}
 * @param findings the registry's breaking-change findings, bound as {@code findings}
 * @param consumers downstream consumers, bound as {@code consumers} (maps with productId,
 *     domainId, name, owners, kind and label, the consumer named in words)
 * @param quality the product's quality, bound as {@code quality}: status, lastCheckedAt, lastPassedAt,
 *     ports (port name to status, checks, freshness) and failingChecks, with ISO-8601 times that
 *     become CEL timestamps; null binds an UNKNOWN quality with no ports
 * @param now the evaluation time, bound as {@code now}
 */
public record ProductContext(
        JsonNode descriptor, JsonNode previous, JsonNode findings, JsonNode consumers, JsonNode quality, Instant now) {

    /** A product nothing is known about the quality of. */
    public ProductContext(JsonNode descriptor, JsonNode previous, JsonNode findings, JsonNode consumers, Instant now) {
        this(descriptor, previous, findings, consumers, null, now);
    }
}

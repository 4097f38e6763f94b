package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Everything an expression may see about one product.
 *
 * @param descriptor the head version's descriptor (ODPS with inline ODCS), bound as {@code product}
 * @param previous the latest published descriptor or null, bound as {@code previous}
 * @param findings the registry's breaking-change findings, bound as {@code findings}
 * @param consumers downstream consumers, bound as {@code consumers} (maps with productId, domainId, kind)
 * @param now the evaluation time, bound as {@code now}
 */
public record ProductContext(
        JsonNode descriptor, JsonNode previous, JsonNode findings, JsonNode consumers, Instant now) {}

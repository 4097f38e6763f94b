package dev.tessera.registry.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.standards.contract.Finding;
import java.util.List;

/** One version in full: lifecycle facts, descriptor and breaking-change findings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionResponse(String productId, VersionSummary version, JsonNode descriptor, List<Finding> findings) {}

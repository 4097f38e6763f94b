package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog adds to a product page ({@code GET /api/catalog/v1/products/{id}}): the compliance
 * score band, the failing policies and the products that consume this one.
 *
 * @param rating the score band (A-E), or null when the product has not been evaluated
 * @param score the compliance score (0-100), or null
 */
public record CatalogSummary(String rating, String score, List<String> failingPolicies, List<String> consumers) {

    static CatalogSummary of(JsonNode page) {
        JsonNode compliance = page.path("compliance");
        List<String> failing = new ArrayList<>();
        for (JsonNode p : compliance.path("failingPolicies")) {
            failing.add(
                    p.isTextual()
                            ? p.asText()
                            : p.path("name").asText(p.path("policyId").asText(p.toString())));
        }
        List<String> consumers = new ArrayList<>();
        page.path("lineage")
                .path("consumers")
                .forEach(c -> consumers.add(c.path("productId").asText()));
        return new CatalogSummary(
                text(compliance, "rating"),
                compliance.path("score").isNumber()
                        ? String.valueOf(Math.round(compliance.path("score").asDouble()))
                        : null,
                failing,
                consumers);
    }
}

package dev.tessera.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The products one hop upstream of a product, from the lineage service's traversal ({@code GET
 * /api/lineage/v1/graph?direction=upstream&depth=1&type=PRODUCT}).
 *
 * @param partial the lineage service cut the traversal short (its time budget or node limit)
 */
public record Neighbours(List<Product> products, boolean partial) {

    /** A neighbouring product. */
    public record Product(String id, String domain) {}

    static Neighbours of(JsonNode traversal, String self) {
        List<Product> products = new ArrayList<>();
        for (JsonNode node : traversal.path("items")) {
            String id = node.path("id").asText();
            if ("PRODUCT".equals(node.path("type").asText()) && !id.isEmpty() && !id.equals(self)) {
                products.add(new Product(id, node.path("domainId").asText(null)));
            }
        }
        return new Neighbours(products, traversal.path("partial").asBoolean(false));
    }
}

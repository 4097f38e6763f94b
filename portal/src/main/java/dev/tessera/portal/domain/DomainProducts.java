package dev.tessera.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.portal.compliance.ScoreTrend;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's products the user may see, with their score bands, and the people its products name as
 * owners, from one catalog search ({@code domain=<id>}, lowest score last).
 *
 * @param total how many of the domain's products the user may see
 * @param owners the owners the products' descriptors name, with how many products name each
 */
public record DomainProducts(int total, List<Product> products, List<Owner> owners) {

    /** A product of the domain; {@code rating} and {@code score} are null until governance evaluates it. */
    public record Product(String id, String name, String status, String rating, String score, String quality) {}

    /** A person named as owner on some of the domain's products. */
    public record Owner(String name, int products) {

        /** The search for the products naming this owner. */
        public String searchLink() {
            return "/?owner=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        }
    }

    static DomainProducts of(JsonNode search) {
        List<Product> products = new ArrayList<>();
        for (JsonNode item : search.path("items")) {
            products.add(new Product(
                    item.path("id").asText(),
                    item.path("name").asText(item.path("id").asText()),
                    item.path("status").asText(null),
                    item.path("complianceRating").asText(null),
                    ScoreTrend.whole(item.path("complianceScore")),
                    item.path("quality").isTextual() ? item.path("quality").asText() : null));
        }
        List<Owner> owners = new ArrayList<>();
        for (JsonNode v : search.path("facets").path("owner")) {
            owners.add(new Owner(v.path("value").asText(), v.path("count").asInt()));
        }
        return new DomainProducts(search.path("total").asInt(products.size()), products, owners);
    }
}

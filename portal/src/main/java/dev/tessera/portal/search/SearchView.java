package dev.tessera.portal.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of search results as the search page shows it, read from the catalog's answer. Facets are
 * rendered from whatever dimensions the catalog returns (a dimension added to the catalog shows up
 * here without a change to the portal); {@link #LABELS} only gives known ones a friendlier heading.
 *
 * @param total how many products match
 * @param hits this page's products
 * @param facets one per dimension the catalog counted, with the values the user picked marked
 * @param next the cursor of the next page, or null on the last one
 */
public record SearchView(int total, List<Hit> hits, List<Facet> facets, String next) {

    /** Headings of the facets the catalog is known to return; any other shows under its own name. */
    static final Map<String, String> LABELS = Map.of(
            "domain", "Domain",
            "status", "Status",
            "tag", "Tag",
            "owner", "Owner",
            "rating", "Score band",
            "pii", "Contains PII",
            "portType", "Port type",
            "quality", "Quality",
            "usage", "Usage");

    /**
     * A product found.
     *
     * @param rating the compliance score band (A-E), or null when not yet scored
     * @param quality the latest quality status, or null when the catalog reports none
     */
    public record Hit(
            String id,
            String name,
            String domain,
            String version,
            String status,
            String description,
            List<String> tags,
            String rating,
            String score,
            String quality,
            boolean containsPii) {}

    /** One facet dimension; {@code param} is the query parameter that filters on it. */
    public record Facet(String param, String label, List<FacetValue> values) {}

    /** One value of a facet and how many matching products have it. */
    public record FacetValue(String value, int count, boolean selected) {}

    static SearchView of(JsonNode body, Map<String, List<String>> selected) {
        List<Hit> hits = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            hits.add(hit(item));
        }
        List<Facet> facets = new ArrayList<>();
        body.path("facets").properties().forEach(dim -> {
            Set<String> picked = Set.copyOf(selected.getOrDefault(dim.getKey(), List.of()));
            List<FacetValue> values = new ArrayList<>();
            for (JsonNode v : dim.getValue()) {
                String value = v.path("value").asText();
                values.add(new FacetValue(value, v.path("count").asInt(), picked.contains(value)));
            }
            if (!values.isEmpty()) {
                facets.add(new Facet(dim.getKey(), LABELS.getOrDefault(dim.getKey(), dim.getKey()), values));
            }
        });
        String next = body.path("next").isTextual() ? body.path("next").asText() : null;
        return new SearchView(body.path("total").asInt(hits.size()), hits, facets, next);
    }

    static Hit hit(JsonNode item) {
        List<String> tags = new ArrayList<>();
        item.path("tags").forEach(t -> tags.add(t.asText()));
        return new Hit(
                item.path("id").asText(),
                item.path("name").asText(item.path("id").asText()),
                text(item, "domain"),
                text(item, "version"),
                text(item, "status"),
                text(item, "description"),
                tags,
                text(item, "complianceRating"),
                item.path("complianceScore").isNumber()
                        ? String.valueOf(Math.round(item.path("complianceScore").asDouble()))
                        : null,
                quality(item.path("quality")),
                item.path("containsPii").asBoolean(false));
    }

    /** A quality status given as text ({@code "quality":"PASSING"}) or as an object with a status. */
    private static String quality(JsonNode quality) {
        if (quality.isTextual()) {
            return quality.asText();
        }
        if (quality.isObject() && quality.path("status").isTextual()) {
            return quality.path("status").asText();
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}

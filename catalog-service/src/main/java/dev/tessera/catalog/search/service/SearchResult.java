package dev.tessera.catalog.search.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One page of search results.
 *
 * @param items the hits, best first (or in the requested order), with highlighted snippets
 * @param total how many visible products match
 * @param facets per dimension, the values among the matches with their counts, most frequent first
 * @param next cursor for the following page; absent on the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResult(List<JsonNode> items, int total, Map<String, List<FacetValue>> facets, String next) {

    /** A facet value and how many matching products have it. */
    public record FacetValue(String value, int count) {}
}

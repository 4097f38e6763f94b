package dev.tessera.catalog.search.service;

import java.util.List;
import java.util.Map;

/**
 * A validated search.
 *
 * @param text what was typed, or null to browse
 * @param filters facet dimension -> accepted values (any of them; all dimensions must hold)
 * @param sort relevance, name, updated or compliance
 * @param limit page size
 * @param cursor the {@code next} of the previous page, or null
 */
public record SearchRequest(String text, Map<String, List<String>> filters, String sort, int limit, String cursor) {}

package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Facet;
import java.util.List;
import java.util.Map;

/**
 * A validated search.
 *
 * @param text what was typed, or null to browse
 * @param filters facet -> accepted values, as the facet reads them (any of them; every facet must hold)
 * @param sort relevance, name, updated, compliance or usage
 * @param limit page size
 * @param cursor the {@code next} of the previous page, or null
 */
public record SearchRequest(String text, Map<Facet, List<String>> filters, String sort, int limit, String cursor) {}

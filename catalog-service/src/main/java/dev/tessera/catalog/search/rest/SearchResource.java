package dev.tessera.catalog.search.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.index.Fields;
import dev.tessera.catalog.quality.service.QualityStatus;
import dev.tessera.catalog.search.service.SearchRequest;
import dev.tessera.catalog.search.service.SearchResult;
import dev.tessera.catalog.search.service.SearchService;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.Cursors;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Search and autocomplete over the products the caller may see. */
@Path("/api/catalog/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    /** Longest query text accepted. */
    static final int MAX_TEXT = 500;

    @Inject
    SearchService search;

    @Inject
    Caller caller;

    /**
     * Full-text search. Filters ({@code domain}, {@code status}, {@code tag}, {@code owner}, {@code rating},
     * {@code pii}, {@code portType}, {@code quality}) may repeat: values of one filter are alternatives,
     * filters combine. {@code quality} is one of {@link QualityStatus#API_VALUES}, in any case.
     */
    @GET
    @Path("/search")
    public SearchResult search(
            @QueryParam("q") String q,
            @QueryParam("domain") List<String> domain,
            @QueryParam("status") List<String> status,
            @QueryParam("tag") List<String> tag,
            @QueryParam("owner") List<String> owner,
            @QueryParam("rating") List<String> rating,
            @QueryParam("pii") List<String> pii,
            @QueryParam("portType") List<String> portType,
            @QueryParam("quality") List<String> quality,
            @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (q != null && q.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("q", "q may have at most " + MAX_TEXT + " characters."));
        }
        String sortName = sort == null || sort.isBlank() ? "relevance" : sort;
        if (!SearchService.SORTS.contains(sortName)) {
            errors.add(new Problem.FieldError("sort", "sort must be one of " + SearchService.SORTS + "."));
        }
        for (String v : pii) {
            if (!v.equals("true") && !v.equals("false")) {
                errors.add(new Problem.FieldError("pii", "pii must be true or false."));
            }
        }
        for (String v : quality) {
            if (!v.isBlank() && QualityStatus.parse(v).isEmpty()) {
                errors.add(new Problem.FieldError(
                        "quality", "quality must be one of " + String.join(", ", QualityStatus.API_VALUES) + "."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors.get(0).message(), errors);
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        put(filters, "domain", domain);
        put(
                filters,
                "status",
                status.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList());
        put(
                filters,
                "tag",
                tag.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
        put(filters, "owner", owner);
        put(
                filters,
                "rating",
                rating.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList());
        put(filters, "pii", pii);
        put(
                filters,
                "portType",
                portType.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
        put(
                filters,
                "quality",
                quality.stream()
                        .filter(v -> !v.isBlank())
                        .map(v -> QualityStatus.parse(v).orElseThrow().apiValue())
                        .toList());
        SearchRequest request = new SearchRequest(q, filters, sortName, Cursors.limit(limit), cursor);
        return search.search(request, Visibility.of(caller));
    }

    /** Autocomplete: product names whose words start with what was typed. */
    @GET
    @Path("/suggest")
    public Map<String, List<JsonNode>> suggest(@QueryParam("q") String q, @QueryParam("limit") Integer limit) {
        if (q == null || q.isBlank()) {
            throw ApiException.invalidField("q", "Send the text typed so far as q.");
        }
        if (q.length() > MAX_TEXT) {
            throw ApiException.invalidField("q", "q may have at most " + MAX_TEXT + " characters.");
        }
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > 50) {
            throw ApiException.invalidField("limit", "limit must be between 1 and 50.");
        }
        return Map.of("items", search.suggest(q, n, Visibility.of(caller)));
    }

    private static void put(Map<String, List<String>> filters, String dim, List<String> values) {
        assert Fields.FACETS.contains(dim);
        List<String> nonBlank = values.stream().filter(v -> !v.isBlank()).toList();
        if (!nonBlank.isEmpty()) {
            filters.put(dim, nonBlank);
        }
    }
}

package dev.tessera.catalog.search.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.index.Facet;
import dev.tessera.catalog.index.Facets;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
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
     * Full-text search. Every facet of {@link Facets#ALL} is a filter of its name ({@code domain}, {@code tag},
     * {@code quality}, ...) that may repeat: values of one filter are alternatives, filters combine.
     */
    @GET
    @Path("/search")
    public SearchResult search(
            @QueryParam("q") String q,
            @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (q != null && q.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("q", "q may have at most " + MAX_TEXT + " characters."));
        }
        String sortName = sort == null || sort.isBlank() ? "relevance" : sort;
        if (!SearchService.SORTS.contains(sortName)) {
            errors.add(new Problem.FieldError("sort", "sort must be one of " + SearchService.SORTS + "."));
        }
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        Map<Facet, List<String>> filters = new LinkedHashMap<>();
        for (Facet facet : Facets.ALL) {
            List<String> values = new ArrayList<>();
            for (String raw : parameters.getOrDefault(facet.name(), List.of())) {
                switch (facet.read(raw)) {
                    case Facet.Read.Value v -> values.add(v.value());
                    case Facet.Read.Skip skip -> {}
                    case Facet.Read.Refused refused ->
                        errors.add(new Problem.FieldError(facet.name(), refused.message()));
                }
            }
            if (!values.isEmpty()) {
                filters.put(facet, values);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors.get(0).message(), errors);
        }
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
}

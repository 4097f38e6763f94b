package dev.tessera.portal.search;

import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.panel.Panel;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The home page: a search over the catalog (a GET form, so it works without JavaScript and every
 * result page has an address), the catalog's facets as filters, and suggestions as the user types
 * (an htmx fragment, {@code /search/suggest}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SearchPage {

    /** Query parameters the page itself uses; every other one is a facet filter passed to the catalog. */
    static final Set<String> OWN_PARAMS = Set.of("q", "cursor", "sort", "limit");
    /** At most this many filter values are passed on, whatever the address holds. */
    static final int MAX_FILTER_VALUES = 50;

    static final int PAGE_SIZE = 20;
    static final int SUGGESTIONS = 8;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(String q, Panel<SearchView> results, String nextLink);

        static native TemplateInstance suggestions(String q, Panel<List<Suggestion>> suggestions);
    }

    /** A product name suggested for what was typed. */
    public record Suggestion(String id, String name, String domain) {}

    @Inject
    GatewayClient gateway;

    @Inject
    PortalConfig config;

    @GET
    public TemplateInstance search(@QueryParam("q") String q, @Context UriInfo uri) {
        String text = q == null ? "" : q.strip();
        Map<String, List<String>> filters = filters(uri);
        Map<String, List<String>> query = new LinkedHashMap<>(filters);
        query.put("q", List.of(text));
        query.put("limit", List.of(String.valueOf(PAGE_SIZE)));
        String cursor = uri.getQueryParameters().getFirst("cursor");
        if (cursor != null) {
            query.put("cursor", List.of(cursor));
        }
        Panel<SearchView> results = Panel.of(
                "Search results",
                gateway.get("/api/catalog/v1/search", query),
                config.callTimeout().toMillis(),
                body -> SearchView.of(body, filters));
        String nextLink = results.ready() && results.data().next() != null
                ? uri.getRequestUriBuilder()
                        .replaceQueryParam("cursor", results.data().next())
                        .build()
                        .toString()
                : null;
        return Templates.search(text, results, nextLink == null ? null : relative(nextLink));
    }

    /** The htmx fragment: a list of links to the products whose names start with what was typed. */
    @GET
    @Path("search/suggest")
    public TemplateInstance suggest(@QueryParam("q") String q) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            return Templates.suggestions(text, Panel.ready(List.of()));
        }
        Panel<List<Suggestion>> suggestions = Panel.of(
                "Suggestions",
                gateway.get(
                        "/api/catalog/v1/suggest",
                        Map.of("q", List.of(text), "limit", List.of(String.valueOf(SUGGESTIONS)))),
                config.callTimeout().toMillis(),
                body -> {
                    List<Suggestion> items = new ArrayList<>();
                    body.path("items")
                            .forEach(i -> items.add(new Suggestion(
                                    i.path("id").asText(),
                                    i.path("name").asText(),
                                    i.path("domain").asText())));
                    return items;
                });
        return Templates.suggestions(text, suggestions);
    }

    private static Map<String, List<String>> filters(UriInfo uri) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        int[] budget = {MAX_FILTER_VALUES};
        uri.getQueryParameters().forEach((name, values) -> {
            if (OWN_PARAMS.contains(name) || !name.matches("[A-Za-z][A-Za-z0-9_-]{0,40}")) {
                return;
            }
            List<String> kept = values.stream()
                    .filter(v -> !v.isBlank())
                    .limit(Math.max(0, budget[0]))
                    .toList();
            budget[0] -= kept.size();
            if (!kept.isEmpty()) {
                filters.put(name, kept);
            }
        });
        return filters;
    }

    /** The path and query of a link the page builds, so it stays on the origin the browser used. */
    private static String relative(String absolute) {
        java.net.URI u = java.net.URI.create(absolute);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}

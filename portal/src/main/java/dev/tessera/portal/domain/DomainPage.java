package dev.tessera.portal.domain;

import static dev.tessera.portal.api.GatewayClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.Await;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.web.ErrorPages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The domains: a list of them with how many products the user may see in each, and a page per domain
 * with what the registry says about it (name, description, owner group), its products with their score
 * bands (catalog), the owners its products name, and its compliance score and trend (governance). The
 * three services are asked at once; each part is its own {@link Panel}.
 */
@Path("/domains")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class DomainPage {

    /** Domain ids as the registry allows them; anything else is a 404 page. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    static final int LIST_PAGE = 50;
    static final int PRODUCTS = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance domains(Panel<List<Row>> domains, String next);

        static native TemplateInstance domain(
                String id, Panel<Domain> domain, Panel<DomainProducts> products, Panel<DomainScore> score);
    }

    /** A domain in the list and how many of its products the user may see (null when the catalog did not say). */
    public record Row(Domain domain, Integer products) {}

    @Inject
    GatewayClient gateway;

    @Inject
    DomainDirectory directory;

    @Inject
    PortalConfig config;

    @GET
    public TemplateInstance list(@QueryParam("cursor") String cursor) {
        long timeout = config.callTimeout().toMillis();
        Panel<DomainDirectory.Page> page =
                Panel.of("The domains", directory.page(cursor, LIST_PAGE), timeout, DomainDirectory.Page::of);
        if (!page.ready()) {
            return Templates.domains(new Panel<>(page.state(), null, page.message()), null);
        }
        List<Domain> domains = page.data().domains();
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!domains.isEmpty()) {
            // Filtered facet values are always counted, so one search counts the products of every listed domain.
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("domain", domains.stream().map(Domain::id).toList());
            query.put("limit", List.of("1"));
            ApiResponse search = Await.answer(gateway.get("/api/catalog/v1/search", query), timeout);
            if (search.ok()) {
                search.body()
                        .path("facets")
                        .path("domain")
                        .forEach(v -> counts.put(
                                v.path("value").asText(), v.path("count").asInt()));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Domain d : domains) {
            rows.add(new Row(d, counts.isEmpty() ? null : counts.getOrDefault(d.id(), 0)));
        }
        String next = page.data().next() == null
                ? null
                : "/domains?cursor=" + segment(page.data().next());
        return Templates.domains(Panel.ready(rows), next);
    }

    @GET
    @Path("{id}")
    public TemplateInstance domain(@PathParam("id") String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ErrorPages.PageNotFoundException("There is no such domain.");
        }
        long timeout = config.callTimeout().toMillis();
        CompletableFuture<ApiResponse> registry = gateway.get("/api/registry/v1/domains/" + segment(id));
        CompletableFuture<ApiResponse> catalog = gateway.get(
                "/api/catalog/v1/search",
                Map.of(
                        "domain", List.of(id),
                        "sort", List.of("compliance"),
                        "limit", List.of(String.valueOf(PRODUCTS))));
        CompletableFuture<ApiResponse> governance = gateway.get(
                "/api/governance/v1/scores/domains/" + segment(id),
                Map.of("days", List.of(String.valueOf(DomainScore.DAYS))));

        Panel<Domain> domain = Panel.of("This domain", registry, timeout, Domain::of);
        if (domain.state() == Panel.State.NOT_FOUND || domain.state() == Panel.State.FORBIDDEN) {
            throw new ErrorPages.PageNotFoundException("There is no domain '" + id + "'.");
        }
        Panel<DomainProducts> products = Panel.of("The domain's products", catalog, timeout, DomainProducts::of);
        ApiResponse score = Await.answer(governance, timeout);
        Panel<DomainScore> scorePanel = score.status() == 404
                ? Panel.ready(DomainScore.notEvaluated())
                : Panel.of("The domain's compliance score", score, (JsonNode body) -> DomainScore.of(id, body));
        return Templates.domain(id, domain, products, scorePanel);
    }
}

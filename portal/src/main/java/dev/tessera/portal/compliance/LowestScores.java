package dev.tessera.portal.compliance;

import static dev.tessera.portal.api.GatewayClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.Await;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.panel.Panel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the products with the lowest compliance scores among those a search matches, and the policies
 * they fail. The catalog has no list of failing policies, so this asks its search one score band at a
 * time, worst band first (E, D, C, B, A), until it has enough products scoring under 100, then reads
 * those products' latest evaluations from governance at once. Not their catalog pages: the catalog counts
 * a person's opening of a page as attention, and listing a product here is not a visit to it. Bounded: at
 * most five searches and {@code howMany} evaluation reads per call.
 */
@ApplicationScoped
public class LowestScores {

    /** Score bands from worst to best, as governance rates scores. */
    static final List<String> WORST_FIRST = List.of("E", "D", "C", "B", "A");
    /** Hits asked for per band: a band's best products come first, so ask for more than needed. */
    static final int PER_BAND = 50;

    @Inject
    GatewayClient gateway;

    @Inject
    PortalConfig config;

    /**
     * @param what the panel's name as the user reads it
     * @param filters catalog search filters ({@code domain}: a domain's products); none for the whole estate
     * @param howMany at most this many products are read
     */
    public Panel<FailingProducts> find(String what, Map<String, List<String>> filters, int howMany) {
        long timeout = config.callTimeout().toMillis();
        List<FailingProducts.Hit> hits = new ArrayList<>();
        List<FailingProducts.Band> bands = null;
        for (String band : WORST_FIRST) {
            Map<String, List<String>> query = new LinkedHashMap<>(filters);
            query.put("rating", List.of(band));
            query.put("sort", List.of("compliance"));
            query.put("limit", List.of(String.valueOf(PER_BAND)));
            ApiResponse answer = Await.answer(gateway.get("/api/catalog/v1/search", query), timeout);
            if (!answer.ok()) {
                return Panel.of(what, answer, body -> null);
            }
            if (bands == null) {
                // Multi-select faceting: the band facet counts every band, whichever one is filtered on.
                bands = FailingProducts.bands(answer.body());
            }
            List<FailingProducts.Hit> inBand = new ArrayList<>();
            answer.body().path("items").forEach(item -> inBand.add(FailingProducts.Hit.of(item)));
            inBand.stream()
                    .filter(h -> h.score() != null && h.score() < 100)
                    .sorted(java.util.Comparator.comparingDouble(FailingProducts.Hit::score))
                    .limit(howMany - hits.size())
                    .forEach(hits::add);
            if (hits.size() >= howMany) {
                break;
            }
        }
        Map<String, CompletableFuture<ApiResponse>> calls = new LinkedHashMap<>();
        for (FailingProducts.Hit hit : hits) {
            calls.put(hit.id(), gateway.get("/api/governance/v1/products/" + segment(hit.id()) + "/evaluation"));
        }
        Map<String, JsonNode> evaluations = new HashMap<>();
        calls.forEach((id, call) -> {
            ApiResponse evaluation = Await.answer(call, timeout);
            if (evaluation.ok()) {
                evaluations.put(id, evaluation.body());
            }
        });
        return Panel.ready(FailingProducts.of(hits, evaluations, bands == null ? List.of() : bands));
    }
}
